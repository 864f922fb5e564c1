package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of a plain lock asked for {@linkplain LockRequest.Builder#onlyIfExists() only if it
 * exists}: a lock exists while someone holds it, so such a request for a free lock (never taken, released, or
 * expired by the store's clock) is refused at once as {@link LockResult.Reason#MISSING}, without waiting and without
 * writing anything, while for a held lock it behaves as any request: refused as held, waiting for the holder, taking
 * over when the holder lets go, re-entering its owner's hold, claiming. Implement it in a {@link LockStoreContract}.
 */
public interface OnlyIfExistsContract extends LockStoreFixture {

    default LockRequest.Builder ifExists(String id, String owner) {
        return request(id, owner).onlyIfExists();
    }

    @Test
    default void shouldRefuseAFreeLockAtOnceAsMissingWithoutTakingIt() {
        long start = System.nanoTime();
        LockResult result = template()
                .tryAcquire(
                        ifExists("a", "bob").waitTime(Duration.ofSeconds(20)).build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
            assertThat(refused.reason()).isEqualTo(LockResult.Reason.MISSING);
            assertThat(refused.holder()).isNull();
            assertThat(refused.owner()).isEqualTo("bob");
        });
        assertThat(store().inspect(key("a"))).isEmpty();
        assertThat(listener().of("NotAcquired"))
                .singleElement()
                .satisfies((event) -> assertThat(event.reason()).isEqualTo(LockResult.Reason.MISSING));
        assertThat(listener().of("Acquired")).isEmpty();
        assertThatExceptionOfType(LockNotAcquiredException.class)
                .isThrownBy(() -> template().acquire(ifExists("a", "bob").build()))
                .withMessage("Lock [" + key("a") + "] not acquired by 'bob': it does not exist");
    }

    @Test
    default void shouldRefuseALockOnceReleasedOrExpiredAsMissing() {
        acquire("released", "alice").close();
        assertThat(reason(template().tryAcquire(ifExists("released", "bob").build())))
                .isEqualTo(LockResult.Reason.MISSING);
        acquireShort("expired", "alice");
        awaitFree("expired");
        assertThat(reason(template().tryAcquire(ifExists("expired", "bob").build())))
                .isEqualTo(LockResult.Reason.MISSING);
        assertThat(store().inspect(key("expired"))).isEmpty();
    }

    @Test
    default void shouldRefuseAHeldLockAsHeldNamingTheHolder() {
        try (Lease alice = acquire("a", "alice")) {
            LockResult result = template().tryAcquire(ifExists("a", "bob").build());
            assertThat(result).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
                assertThat(refused.reason()).isEqualTo(LockResult.Reason.HELD);
                assertThat(refused.holder()).extracting(LockState::owner).isEqualTo("alice");
                assertThat(refused.holder().token()).isEqualTo(alice.token());
            });
        }
    }

    @Test
    default void shouldWaitForTheHolderOfAnExistingLockAndTakeOverWhenItLetsGo() throws Exception {
        Lease alice = acquire("a", "alice");
        RecordingLockStore client = new RecordingLockStore(createIndependentClient());
        LockTemplate other = track(LockTemplate.of(client));
        CompletableFuture<Long> bob = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = other.acquire(
                    ifExists("a", "bob").waitTime(Duration.ofSeconds(30)).build())) {
                return lease.token();
            }
        });
        awaitWaiting(client, "a");
        assertThat(bob).isNotDone();
        alice.close();
        assertThat(bob.get(30, TimeUnit.SECONDS)).isGreaterThan(alice.token());
    }

    @Test
    default void shouldReenterTheOwnersOwnHold() {
        try (Lease first = acquire("a", "alice");
                Lease second = template().acquire(ifExists("a", "alice").build())) {
            assertThat(second.token()).isEqualTo(first.token());
            assertThat(store().inspect(key("a")))
                    .get()
                    .extracting(LockState::holds)
                    .isEqualTo(2);
        }
    }

    @Test
    default void shouldClaimOnlyALockSomeoneHolds() {
        assertThatExceptionOfType(LockNotAcquiredException.class)
                .isThrownBy(() -> template().claim(ifExists("a", "operator").build()))
                .satisfies((ex) -> assertThat(ex.result().reason()).isEqualTo(LockResult.Reason.MISSING));
        assertThat(store().inspect(key("a"))).isEmpty();
        Lease alice = acquire("a", "alice");
        try (Lease operator = template().claim(ifExists("a", "operator").build())) {
            assertThat(operator.token()).isGreaterThan(alice.token());
            assertThat(store().inspect(key("a")))
                    .get()
                    .extracting(LockState::owner)
                    .isEqualTo("operator");
        }
    }

    private static LockResult.Reason reason(LockResult result) {
        assertThat(result).isInstanceOf(LockResult.NotAcquired.class);
        return ((LockResult.NotAcquired) result).reason();
    }
}

package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The execution path of {@link LockTemplate}: the plain {@code execute} and the forms the annotation advisor uses. */
class LockTemplateExecuteTests {

    private static final LockKey KEY = LockKey.of("export", "42");

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template =
            LockTemplate.builder(store).instanceId("test").build();

    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void close() {
        template.close();
    }

    private static LockRequest request(String owner) {
        return LockRequest.of(KEY).owner(owner).lease(Duration.ofSeconds(30)).build();
    }

    @Test
    void shouldSuppressLockLostIntoTheCodesOwnException() {
        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> template.execute(request("Tom"), (lease) -> {
                    template.forceRelease(lease.key());
                    throw new IOException("disk full");
                }))
                .withMessage("disk full")
                .satisfies((failure) -> assertThat(failure.getSuppressed())
                        .singleElement()
                        .isInstanceOf(LockLostException.class)
                        .extracting(Throwable::getMessage)
                        .asString()
                        .contains("Lock [export:42]", "force-released"));
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldGiveWhatOnRefusedGivesWithoutRunningTheCode() {
        try (Lease held = template.acquire(request("Tom"))) {
            String answer = template.execute(
                    request("Jack"),
                    Duration.ZERO,
                    (refused) -> "skipped: " + refused.reason() + " by "
                            + refused.holder().owner(),
                    (lease) -> "ran " + runs.incrementAndGet());

            assertThat(answer).isEqualTo("skipped: HELD by Tom");
            assertThat(runs).hasValue(0);
            assertThat(held.isHeld()).isTrue();
        }
        String afterwards = template.execute(request("Jack"), Duration.ZERO, (refused) -> "skipped", (lease) -> "ran");
        assertThat(afterwards).isEqualTo("ran");
    }

    @Test
    void shouldThrowNamingTheHolderFromThePlainExecute() {
        try (Lease held = template.acquire(request("Tom"))) {
            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> template.execute(request("Jack"), (lease) -> runs.incrementAndGet()))
                    .withMessageStartingWith("Lock [export:42] not acquired by 'Jack'");
        }
        assertThat(runs).hasValue(0);
    }

    @Test
    void shouldKeepTheLockTakenForTheMinimumHoldAfterTheCodeReturns() {
        String answer =
                template.execute(request("Tom"), Duration.ofSeconds(2), (refused) -> "skipped", (lease) -> "ran");

        assertThat(answer).isEqualTo("ran");
        assertThat(template.heldCount()).isZero();
        assertThat(template.inspect(KEY)).get().extracting(LockState::owner).isEqualTo("Tom");
        assertThat(template.tryAcquire(request("Jack")).acquired()).isFalse();
        await("the minimum hold to pass")
                .atMost(Duration.ofSeconds(20))
                .until(() -> template.inspect(KEY).isEmpty());
    }

    @Test
    void shouldRejectANegativeMinimumHoldBeforeAcquiring() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> template.execute(request("Tom"), Duration.ofSeconds(-1), (r) -> "no", (l) -> "ran"))
                .withMessage("Lock [export:42] minimum hold must be from PT0S to PT8760H, but was PT-1S");
        assertThat(template.inspect(KEY)).isEmpty();
    }

    @Test
    void shouldHoldTheLockUntilTheReturnedStageCompletes() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = template.executeUntilComplete(
                request("Tom"), Duration.ZERO, (refused) -> CompletableFuture.completedFuture("skipped"), (lease) -> {
                    assertThat(LockTemplate.currentLease()).containsSame(lease);
                    return work;
                });

        assertThat(result).isNotDone();
        assertThat(LockTemplate.currentLease()).isEmpty();
        assertThat(template.inspect(KEY)).isPresent();
        assertThat(template.executeUntilComplete(
                        request("Jack"),
                        Duration.ZERO,
                        (refused) -> CompletableFuture.completedFuture("skipped"),
                        (lease) -> CompletableFuture.completedFuture("ran")))
                .isCompletedWithValue("skipped");

        work.complete("exported");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("exported");
        assertThat(template.inspect(KEY)).isEmpty();
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldReleaseWhenTheStageFailsAndPassTheFailureOn() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result =
                template.executeUntilComplete(request("Tom"), Duration.ZERO, (refused) -> null, (lease) -> work);

        work.completeExceptionally(new IOException("disk full"));
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOf(IOException.class)
                .withMessage("disk full");
        assertThat(template.inspect(KEY)).isEmpty();
    }

    @Test
    void shouldFailTheFutureWithLockLostWhenTheLeaseWasLostBeforeTheStageCompleted() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result =
                template.executeUntilComplete(request("Tom"), Duration.ZERO, (refused) -> null, (lease) -> work);

        template.forceRelease(KEY);
        work.complete("exported");
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOf(LockLostException.class)
                .withMessageContaining("force-released");
    }

    @Test
    void shouldReleaseAtOnceWhenTheCodeThrowsBeforeReturningAStage() {
        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> template.<String, IOException>executeUntilComplete(
                        request("Tom"), Duration.ZERO, (refused) -> null, (lease) -> {
                            throw new IOException("no disk");
                        }))
                .withMessage("no disk");
        assertThat(template.inspect(KEY)).isEmpty();
        assertThat(template.heldCount()).isZero();
    }
}

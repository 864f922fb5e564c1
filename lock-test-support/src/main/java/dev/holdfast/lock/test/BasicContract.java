package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of plain acquire and release, expiry, renewal, fencing tokens, reentrancy, listing and
 * key encoding: what every store keeps. Implement it in a {@link LockStoreContract}.
 */
public interface BasicContract extends LockStoreFixture {

    @Test
    default void shouldAcquireAndRelease() {
        Lease lease = acquire("a", "alice");
        assertThat(lease.isHeld()).isTrue();
        assertThat(lease.token()).isPositive();
        assertThat(lease.remaining()).isPositive().isLessThanOrEqualTo(LONG);
        assertThat(store().inspect(key("a"))).get().extracting(LockState::owner).isEqualTo("alice");
        assertThat(lease.release()).isTrue();
        assertThat(lease.isHeld()).isFalse();
        assertThat(lease.remaining()).isZero();
        assertThat(store().inspect(key("a"))).isEmpty();
        assertThat(listener().of("Acquired")).hasSize(1);
        assertThat(listener().of("Released")).hasSize(1);
    }

    @Test
    default void shouldRefuseSecondOwnerWhileLeaseIsLive() {
        Lease lease = acquire("a", "alice");
        LockResult result = tryAcquire("a", "bob");
        assertThat(result).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
            assertThat(refused.reason()).isEqualTo(LockResult.Reason.HELD);
            assertThat(refused.holder()).isNotNull();
            assertThat(refused.holder().owner()).isEqualTo("alice");
            assertThat(refused.holder().token()).isEqualTo(lease.token());
            assertThat(refused.holder().remaining()).isPositive().isLessThanOrEqualTo(LONG);
        });
        assertThatThrownBy(() -> acquire("a", "bob"))
                .isInstanceOf(LockNotAcquiredException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("'alice'");
        lease.close();
    }

    @Test
    default void shouldNotBlockIndependentKeys() {
        try (Lease a = acquire("a", "alice");
                Lease b = acquire("b", "bob")) {
            assertThat(a.isHeld()).isTrue();
            assertThat(b.isHeld()).isTrue();
            assertThat(store().list(namespace(), 10))
                    .extracting(LockState::owner)
                    .containsExactlyInAnyOrder("alice", "bob");
        }
    }

    @Test
    default void shouldReacquireRightAfterReleaseManyTimes() {
        long lastToken = 0;
        for (int i = 0; i < 50; i++) {
            try (Lease lease = acquire("a", (i % 2 == 0) ? "alice" : "bob")) {
                assertThat(lease.token()).isGreaterThan(lastToken);
                lastToken = lease.token();
            }
        }
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldGrantAnotherOwnerAfterExpiry() {
        Lease stale = acquireShort("a", "alice");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> tryAcquire("a", "bob").acquired());
        assertThat(store().inspect(key("a"))).get().extracting(LockState::owner).isEqualTo("bob");
        assertThat(stale.isHeld()).isFalse();
    }

    @Test
    default void shouldReportLossOnRenewAndReleaseAfterExpiryAndLeaveNewOwnerUntouched() {
        Lease stale = acquireShort("a", "alice");
        awaitFree("a");
        Lease fresh = acquire("a", "bob");
        assertThat(stale.renew()).isFalse();
        assertThat(stale.release()).isFalse();
        assertThat(store().inspect(key("a"))).get().satisfies((state) -> {
            assertThat(state.owner()).isEqualTo("bob");
            assertThat(state.token()).isEqualTo(fresh.token());
        });
        assertThat(listener().of("Lost")).extracting((e) -> e.owner()).containsExactly("alice");
        assertThat(fresh.release()).isTrue();
    }

    @Test
    default void shouldThrowOnCloseOfLostLease() {
        Lease stale = acquireShort("a", "alice");
        awaitFree("a");
        assertThatThrownBy(stale::close)
                .isInstanceOf(LockLostException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("'alice'");
    }

    @Test
    default void shouldNotRecreateExpiredLockOnRenew() {
        Lease stale = acquireShort("a", "alice");
        awaitFree("a");
        assertThat(stale.renew(LONG)).isFalse();
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldExtendLeaseOnRenew() {
        // One second, which a loaded machine cannot let run out before the renewal is asked for.
        Duration lease1s = Duration.ofSeconds(1);
        Lease lease = template().acquire(request("a", "alice").lease(lease1s).build());
        // Granted after the lease of "a" with the same length: once the store expired it, "a" would have expired too.
        template().acquire(request("control", "alice").lease(lease1s).build());
        assertThat(lease.renew(Duration.ofSeconds(10))).isTrue();
        await("the control lease expired")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .failFast(
                        "the renewed lease expired",
                        () -> store().inspect(key("a")).isEmpty())
                .until(() -> store().inspect(key("control")).isEmpty());
        assertThat(tryAcquire("a", "bob").acquired()).isFalse();
        assertThat(store().inspect(key("a")))
                .get()
                .satisfies((state) -> assertThat(state.remaining()).isGreaterThan(Duration.ofSeconds(5)));
        assertThat(lease.release()).isTrue();
    }

    @Test
    default void shouldRejectStaleToken() {
        Lease lease = acquire("a", "alice");
        assertThat(store().renew(new RenewCommand(key("a"), "alice", lease.token() + 1, LONG)))
                .isFalse();
        assertThat(store().release(key("a"), "alice", lease.token() + 1)).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(store().release(key("a"), "bob", lease.token())).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(store().inspect(key("a"))).get().extracting(LockState::owner).isEqualTo("alice");
        assertThat(lease.release()).isTrue();
    }

    @Test
    default void shouldIncreaseTokenAcrossHoldersReleasesAndExpiries() {
        List<Long> tokens = new ArrayList<>();
        Lease first = acquire("a", "alice");
        tokens.add(first.token());
        first.close();
        Lease second = acquireShort("a", "bob");
        tokens.add(second.token());
        awaitFree("a");
        Lease third = acquire("a", "alice");
        tokens.add(third.token());
        third.close();
        Lease fourth = acquire("a", "alice");
        tokens.add(fourth.token());
        fourth.close();
        assertThat(tokens).isSorted().doesNotHaveDuplicates();
    }

    @Test
    default void shouldKeepTokenAndReleaseAtZeroHoldsWhenReentered() {
        Lease outer = acquire("a", "alice");
        Lease inner = acquire("a", "alice");
        assertThat(inner.token()).isEqualTo(outer.token());
        assertThat(store().inspect(key("a"))).get().extracting(LockState::holds).isEqualTo(2);
        assertThat(inner.release()).isTrue();
        assertThat(store().inspect(key("a"))).get().extracting(LockState::holds).isEqualTo(1);
        assertThat(tryAcquire("a", "bob").acquired()).isFalse();
        assertThat(outer.release()).isTrue();
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldNotShareLockBetweenThreadsOfTheDefaultOwner() throws Exception {
        Lease mine = template().acquire(LockRequest.of(key("a")).lease(LONG).build());
        LockResult[] theirs = new LockResult[1];
        Thread other = new Thread(() -> theirs[0] =
                template().tryAcquire(LockRequest.of(key("a")).lease(LONG).build()));
        other.start();
        other.join();
        assertThat(theirs[0].acquired()).isFalse();
        Lease again = template().acquire(LockRequest.of(key("a")).lease(LONG).build());
        assertThat(again.token()).isEqualTo(mine.token());
        again.close();
        mine.close();
    }

    @Test
    default void shouldKeepAutoRenewedLeaseAlivePastItsLease() {
        // A lease long enough that a loaded machine's scheduling cannot make the watchdog miss it, short enough to
        // outlive a few times in the test.
        Duration lease1s = Duration.ofSeconds(1);
        Lease lease = template()
                .acquire(request("a", "alice").lease(lease1s).autoRenew(true).build());
        // Granted after "a" with the same lease and never renewed: its expiry shows that the first lease of "a" is
        // over.
        template().acquire(request("control", "alice").lease(lease1s).build());
        await("the control lease expired and the watchdog renewed three times")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .failFast(
                        "the auto-renewed lease expired",
                        () -> store().inspect(key("a")).isEmpty())
                .until(() -> store().inspect(key("control")).isEmpty()
                        && listener().of("Renewed").stream()
                                        .filter((event) -> event.key().equals(key("a")))
                                        .count()
                                >= 3);
        assertThat(lease.isHeld()).isTrue();
        assertThat(tryAcquire("a", "bob").acquired()).isFalse();
        assertThat(listener().of("Renewed")).isNotEmpty();
        assertThat(lease.release()).isTrue();
    }

    @Test
    default void shouldListAndInspectHeldLocks() {
        try (Lease lease = template().acquire(request("a", "alice").priority(3).build())) {
            acquire("b", "bob").close();
            assertThat(store().inspect(key("a"))).get().satisfies((state) -> {
                assertThat(state.key()).isEqualTo(key("a"));
                assertThat(state.owner()).isEqualTo("alice");
                assertThat(state.priority()).isEqualTo(3);
                assertThat(state.token()).isEqualTo(lease.token());
                assertThat(state.holds()).isEqualTo(1);
            });
            assertThat(store().list(namespace(), 10)).extracting(LockState::key).containsExactly(key("a"));
            assertThat(store().list("ct-none", 10)).isEmpty();
        }
    }

    @Test
    default void shouldForceReleaseAndReportLossToHolder() {
        Lease lease = acquire("a", "alice");
        assertThat(template().forceRelease(key("a"))).isTrue();
        assertThat(store().inspect(key("a"))).isEmpty();
        assertThat(lease.isHeld()).isFalse();
        assertThat(lease.release()).isFalse();
        assertThat(template().forceRelease(key("a"))).isFalse();
    }

    @Test
    default void shouldSafelyUseKeysWithAnyCharacters() {
        List<String> ids = List.of("a:b", "{brace}", "}{", "quote'\"", "ünïcødé-锁", "spaces in id", "*?[]", "%s\\n");
        List<Lease> leases = new ArrayList<>();
        for (String id : ids) {
            leases.add(acquire(id, "alice"));
        }
        for (String id : ids) {
            assertThat(store().inspect(key(id)))
                    .get()
                    .extracting(LockState::key)
                    .isEqualTo(key(id));
            assertThat(tryAcquire(id, "bob").acquired()).isFalse();
        }
        assertThat(store().list(namespace(), 100))
                .extracting(LockState::key)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(this::key).toList());
        leases.forEach(Lease::close);
        for (String id : ids) {
            assertThat(tryAcquire(id, "bob").acquired()).isTrue();
        }
    }

    @Test
    default void shouldNeverShortenTheLeaseOnReentry() {
        Lease outer = acquire("a", "alice");
        Lease inner = acquireShort("a", "alice");
        assertThat(inner.token()).isEqualTo(outer.token());
        assertThat(store().inspect(key("a")))
                .get()
                .satisfies((state) -> assertThat(state.remaining()).isGreaterThan(LONG.minusSeconds(10)));
        inner.release();
        assertThat(outer.release()).isTrue();
    }

    @Test
    default void shouldKeepIdsThatDifferOnlyInTrailingSpacesOrNormalisationApart() {
        List<String> ids = List.of("a", "a ", " a", "a  ", "\u00e4", "a\u0308", "A");
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            leases.add(acquire(ids.get(i), "owner-" + i));
        }
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            assertThat(store().inspect(key(ids.get(i))))
                    .get()
                    .satisfies((state) -> assertThat(state.owner()).isEqualTo("owner-" + index));
        }
        assertThat(store().list(namespace(), 100)).hasSize(ids.size());
        leases.forEach(Lease::close);
    }

    @Test
    default void shouldKeepOwnersThatDifferOnlyInTrailingSpacesApart() {
        Lease lease = acquire("a", "alice");
        assertThat(tryAcquire("a", "alice ").acquired()).isFalse();
        assertThat(store().release(key("a"), "alice ", lease.token())).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(store().inspect(key("a"))).get().extracting(LockState::holds).isEqualTo(1);
        assertThat(lease.release()).isTrue();
    }

    @Test
    default void shouldKeepANeverExpiringLockAndReportItSo() {
        Lease lease = template().acquire(request("a", "alice").neverExpires().build());
        assertThat(lease.remaining()).isEqualTo(LockRequest.FOREVER);
        assertThat(store().inspect(key("a"))).get().satisfies((state) -> {
            assertThat(state.neverExpires()).isTrue();
            assertThat(state.remaining()).isEqualTo(LockRequest.FOREVER);
        });
        assertThat(tryAcquire("a", "bob").acquired()).isFalse();
        assertThat(lease.renew(LONG)).isTrue();
        assertThat(store().inspect(key("a"))).get().satisfies((state) -> {
            assertThat(state.neverExpires()).isFalse();
            assertThat(state.remaining()).isLessThanOrEqualTo(LONG);
        });
        assertThat(lease.release()).isTrue();
        assertThat(store().inspect(key("a"))).isEmpty();
    }
}

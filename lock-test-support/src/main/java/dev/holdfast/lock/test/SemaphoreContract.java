package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitHandles;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreInUseException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of semaphores whose permits are leases (SPEC §6): atomic create, resize and delete,
 * all-or-nothing permits, shrinking that never admits more holders than the new size, tokens per semaphore, permits
 * of an expired holder coming back, waiting, priority and claims, fairness (a refused asker that stops waiting leaves
 * the queue at once; one that died keeps its place for a claim's time at most), and an overlap fuzz judged from the
 * holders' own records. Implement it in a {@link LockStoreContract} whose store is a {@link SemaphoreStore}.
 */
public interface SemaphoreContract extends LockStoreFixture {

    default LeasedSemaphore semaphore(String id) {
        return template().semaphore(namespace(), id);
    }

    default PermitRequest.Builder permits(int permits, String owner) {
        return PermitRequest.permits(permits).owner(owner).lease(LONG).autoRenew(false);
    }

    /** Ask once for a permit through the store itself, as a waiter's watch does, so that nothing leaves the queue. */
    default PermitOutcome askAsWaiter(String id, String owner) {
        return ((SemaphoreStore) store())
                .acquirePermits(new PermitCommand(
                        key(id), SemaphoreKind.SEMAPHORE, owner, 0, 1, false, LONG, AcquireMode.LOCK, 0, false));
    }

    @Test
    default void shouldCreateResizeAndDeleteASemaphore() {
        LeasedSemaphore exports = semaphore("exports");
        assertThat(exports.inspect()).isEmpty();
        assertThat(exports.create(3)).isTrue();
        assertThat(exports.create(5)).isFalse();
        assertThat(exports.inspect()).get().satisfies((state) -> {
            assertThat(state.size()).isEqualTo(3);
            assertThat(state.kind()).isEqualTo(SemaphoreKind.SEMAPHORE);
            assertThat(state.holders()).isEmpty();
        });
        assertThat(exports.resize(5)).get().extracting(SemaphoreState::size).isEqualTo(5);
        assertThat(exports.delete()).isTrue();
        assertThat(exports.inspect()).isEmpty();
        assertThat(exports.delete()).isFalse();
        assertThat(exports.resize(2)).isEmpty();
    }

    @Test
    default void shouldGrantUpToTheSizeAndRefuseBeyondItNamingAHolder() {
        LeasedSemaphore pool = semaphore("pool");
        pool.create(2);
        Lease alice = pool.acquire(permits(1, "alice").build());
        Lease bob = pool.acquire(permits(1, "bob").build());
        LockResult carol = pool.tryAcquire(permits(1, "carol").build());
        assertThat(carol).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
            assertThat(refused.reason()).isEqualTo(LockResult.Reason.HELD);
            assertThat(refused.holder()).isNotNull();
            assertThat(List.of("alice", "bob")).contains(refused.holder().owner());
        });
        assertThat(pool.inspect()).get().satisfies((state) -> {
            assertThat(state.used()).isEqualTo(2);
            assertThat(state.holders()).extracting(PermitHolder::owner).containsExactlyInAnyOrder("alice", "bob");
        });
        assertThat(alice.release()).isTrue();
        Lease carolLease = pool.acquire(permits(1, "carol").build());
        assertThat(carolLease.token()).isGreaterThan(bob.token()).isGreaterThan(alice.token());
        bob.close();
        carolLease.close();
        assertThat(pool.inspect()).get().extracting(SemaphoreState::used).isEqualTo(0);
    }

    @Test
    default void shouldTakeManyPermitsAllOrNothing() {
        LeasedSemaphore pool = semaphore("pool");
        pool.create(3);
        Lease two = pool.acquire(permits(2, "alice").build());
        assertThat(pool.tryAcquire(permits(2, "bob").build()).acquired()).isFalse();
        assertThat(pool.inspect()).get().extracting(SemaphoreState::used).isEqualTo(2);
        Lease one = pool.acquire(permits(1, "carol").build());
        two.close();
        Lease bob = pool.acquire(permits(2, "bob").build());
        assertThat(pool.inspect()).get().extracting(SemaphoreState::used).isEqualTo(3);
        one.close();
        bob.close();
    }

    @Test
    default void shouldRejectMorePermitsThanTheSizeAtOnceWithoutWaiting() {
        LeasedSemaphore pool = semaphore("pool");
        pool.create(2);
        long start = System.nanoTime();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pool.tryAcquire(
                        permits(3, "alice").waitTime(Duration.ofSeconds(20)).build()))
                .withMessageContaining("[" + key("pool") + "]")
                .withMessageContaining("3");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(pool.inspect()).get().extracting(SemaphoreState::used).isEqualTo(0);
    }

    @Test
    default void shouldRefuseAMissingSemaphoreUnlessTheRequestCreatesIt() {
        LeasedSemaphore pool = semaphore("missing");
        LockResult refused = pool.tryAcquire(
                permits(1, "alice").waitTime(Duration.ofSeconds(20)).build());
        assertThat(refused)
                .isInstanceOfSatisfying(
                        LockResult.NotAcquired.class,
                        (notAcquired) -> assertThat(notAcquired.reason()).isEqualTo(LockResult.Reason.MISSING));
        assertThat(pool.inspect()).isEmpty();
        try (Lease lease =
                pool.acquire(permits(1, "alice").createIfMissing(2, false).build())) {
            assertThat(pool.inspect()).get().satisfies((state) -> {
                assertThat(state.size()).isEqualTo(2);
                assertThat(state.used()).isEqualTo(1);
            });
        }
    }

    @Test
    default void shouldNeverAdmitMoreHoldersThanTheNewSizeAfterShrinking() {
        LeasedSemaphore pool = semaphore("shrink");
        pool.create(3);
        Lease a = pool.acquire(permits(1, "a").build());
        Lease b = pool.acquire(permits(1, "b").build());
        Lease c = pool.acquire(permits(1, "c").build());
        assertThat(pool.resize(1)).get().extracting(SemaphoreState::used).isEqualTo(3);
        assertThat(a.isHeld()).isTrue();
        a.close();
        assertThat(pool.tryAcquire(permits(1, "d").build()).acquired()).isFalse();
        b.close();
        assertThat(pool.tryAcquire(permits(1, "d").build()).acquired()).isFalse();
        c.close();
        try (Lease d = pool.acquire(permits(1, "d").build())) {
            assertThat(pool.tryAcquire(permits(1, "e").build()).acquired()).isFalse();
        }
    }

    @Test
    default void shouldRefuseToDeleteWhilePermitsAreHeldAndForceItOnRequest() {
        LeasedSemaphore pool = semaphore("held");
        pool.create(2);
        Lease lease = pool.acquire(permits(1, "alice").build());
        assertThatThrownBy(pool::delete)
                .isInstanceOf(SemaphoreInUseException.class)
                .hasMessageContaining("[" + key("held") + "]")
                .hasMessageContaining("alice");
        assertThat(pool.inspect()).get().extracting(SemaphoreState::used).isEqualTo(1);
        assertThat(pool.forceDelete()).isTrue();
        assertThat(pool.inspect()).isEmpty();
        assertThat(lease.isHeld()).isFalse();
        assertThat(lease.release()).isFalse();
        assertThat(listener().of("Lost")).extracting(LockEvent::owner).contains("alice");
    }

    @Test
    default void shouldGiveBackThePermitsOfAHolderWhoseLeaseRanOut() {
        LeasedSemaphore pool = semaphore("crash");
        pool.create(1);
        Lease crashed = pool.acquire(permits(1, "crashed").lease(SHORT).build());
        await("the crashed holder's permit back")
                .atMost(PATIENCE)
                .until(() -> pool.tryAcquire(permits(1, "bob").build()).acquired());
        assertThat(crashed.isHeld()).isFalse();
        assertThat(crashed.release()).isFalse();
    }

    @Test
    default void shouldKeepAnAutoRenewedPermitPastItsLease() {
        LeasedSemaphore pool = semaphore("renewed");
        pool.create(1);
        // One second: a loaded machine's scheduling cannot make the watchdog miss it.
        Lease lease = pool.acquire(PermitRequest.permits(1)
                .owner("alice")
                .lease(Duration.ofSeconds(1))
                .autoRenew(true)
                .build());
        long start = System.nanoTime();
        await().atMost(PATIENCE)
                .until(() -> listener().of("Renewed").size() >= 3
                        && Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) > 0);
        assertThat(lease.isHeld()).isTrue();
        assertThat(pool.tryAcquire(permits(1, "bob").build()).acquired()).isFalse();
        assertThat(lease.release()).isTrue();
    }

    @Test
    default void shouldWakeAWaiterWhenAPermitIsReleased() throws Exception {
        LeasedSemaphore pool = semaphore("wait");
        pool.create(1);
        Lease holder = pool.acquire(permits(1, "alice").build());
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = pool.acquire(
                    permits(1, "bob").waitTime(Duration.ofSeconds(20)).build())) {
                return System.nanoTime();
            }
        });
        awaitWaiting("wait");
        long releasedAt = System.nanoTime();
        holder.close();
        assertThat(waiter.get(20, TimeUnit.SECONDS)).isGreaterThan(releasedAt);
    }

    @Test
    default void shouldLetAHigherPriorityTakeTheLowestPriorityPermitAndTellItsHolder() {
        LeasedSemaphore pool = semaphore("priority");
        pool.create(2);
        Lease low = pool.acquire(permits(1, "low").priority(1).build());
        Lease mid = pool.acquire(permits(1, "mid").priority(5).build());
        Lease high = pool.acquire(permits(1, "high").priority(9).build());
        assertThat(low.isHeld()).isFalse();
        assertThat(low.release()).isFalse();
        assertThat(mid.isHeld()).isTrue();
        assertThat(listener().of("Lost")).extracting(LockEvent::owner).containsExactly("low");
        assertThat(pool.tryAcquire(permits(1, "equal").priority(5).build()).acquired())
                .isFalse();
        // A claim takes a permit whoever holds it: the lowest priority goes first.
        Lease operator = pool.claim(permits(1, "operator").build());
        assertThat(pool.inspect()).get().satisfies((state) -> {
            assertThat(state.used()).isEqualTo(2);
            assertThat(state.holders()).extracting(PermitHolder::owner).containsExactlyInAnyOrder("operator", "high");
        });
        assertThat(mid.isHeld()).isFalse();
        assertThat(mid.release()).isFalse();
        operator.close();
        high.close();
    }

    @Test
    default void shouldServeWaitersInArrivalOrderWhenFair() {
        LeasedSemaphore pool = semaphore("fair");
        pool.create(1, true);
        Lease holder = pool.acquire(permits(1, "holder").build());
        // Each refusal keeps the place of a waiter that keeps asking, in the order they asked.
        assertThat(askAsWaiter("fair", "first")).isInstanceOf(PermitOutcome.Refused.class);
        assertThat(askAsWaiter("fair", "second")).isInstanceOf(PermitOutcome.Refused.class);
        assertThat(pool.inspect()).get().extracting(SemaphoreState::queued).isEqualTo(2);
        holder.close();
        // The permit is free, but later askers are not served before the head of the queue.
        assertThat(pool.tryAcquire(permits(1, "late").build()).acquired()).isFalse();
        assertThat(askAsWaiter("fair", "second")).isInstanceOf(PermitOutcome.Refused.class);
        Lease first = pool.acquire(permits(1, "first").build());
        first.close();
        Lease second = pool.acquire(permits(1, "second").build());
        second.close();
    }

    @Test
    default void shouldNotLetARefusedAskerThatStoppedWaitingBlockALaterArrivalWhenFair() {
        LeasedSemaphore pool = semaphore("fair-left");
        pool.create(1, true);
        Lease holder = pool.acquire(permits(1, "holder").build());
        assertThat(pool.tryAcquire(permits(1, "no-wait").build()).acquired()).isFalse();
        LockResult timedOut = pool.tryAcquire(
                permits(1, "timed-out").waitTime(Duration.ofMillis(200)).build());
        assertThat(timedOut)
                .isInstanceOfSatisfying(
                        LockResult.NotAcquired.class,
                        (refused) -> assertThat(refused.reason()).isEqualTo(LockResult.Reason.TIMED_OUT));
        assertThat(pool.inspect()).get().extracting(SemaphoreState::queued).isEqualTo(0);
        holder.close();
        try (Lease late =
                granted(pool.tryAcquire(permits(1, "late").build()), "a later arrival once the permit is free")) {
            assertThat(late.owner()).isEqualTo("late");
        }
    }

    @Test
    default void shouldLetLaterAskersOvertakeWhenNotFair() {
        LeasedSemaphore pool = semaphore("unfair");
        pool.create(1);
        Lease holder = pool.acquire(permits(1, "holder").build());
        assertThat(pool.tryAcquire(permits(1, "first").build()).acquired()).isFalse();
        holder.close();
        try (Lease late = pool.acquire(permits(1, "late").build())) {
            assertThat(late.owner()).isEqualTo("late");
        }
    }

    @Test
    default void shouldNotLetAQueuedWaiterThatDiedBlockTheQueueLongerThanItsClaim() {
        LeasedSemaphore pool = semaphore("died");
        pool.create(1, true);
        Lease holder = pool.acquire(permits(1, "holder").build());
        // A waiter asks once, is queued, and never asks again nor leaves (it died).
        assertThat(askAsWaiter("died", "gone")).isInstanceOf(PermitOutcome.Refused.class);
        holder.close();
        long freed = System.nanoTime();
        assertThat(pool.tryAcquire(permits(1, "next").build()).acquired())
                .as("a later arrival while the dead waiter's place lasts")
                .isFalse();
        await("the dead waiter's place dropped")
                .atMost(PATIENCE)
                .until(() -> pool.tryAcquire(permits(1, "next").build()).acquired());
        assertThat(Duration.ofNanos(System.nanoTime() - freed)).isLessThan(SemaphoreStore.QUEUE_CLAIM.plusSeconds(5));
    }

    @Test
    default void shouldTakeRenewAndGiveBackPermitsByOwnerAndToken() {
        LeasedSemaphore slots = semaphore("handles");
        slots.create(2);
        PermitHandles handles = slots.handles(LONG);
        long alice = handles.acquire("alice", 1).orElseThrow();
        long bob = handles.acquire("bob", 1).orElseThrow();
        assertThat(bob).isGreaterThan(alice);
        assertThat(handles.acquire("carol", 1)).isEmpty();
        assertThat(handles.renew("alice", bob)).as("another owner's token").isFalse();
        assertThat(handles.renew("alice", alice)).isTrue();
        assertThat(handles.release("bob", alice)).as("another owner's token").isFalse();
        assertThat(slots.inspect()).get().extracting(SemaphoreState::used).isEqualTo(2);
        assertThat(handles.release("alice", alice)).isTrue();
        assertThat(handles.release("alice", alice)).as("given back twice").isFalse();
        assertThat(handles.renew("alice", alice))
                .as("renewing a grant given back")
                .isFalse();
        assertThat(handles.acquire("carol", 1)).isPresent();
    }

    @Test
    default void shouldGiveBackAHandlesPermitWhenItsOwnerStopsRenewing() {
        LeasedSemaphore slots = semaphore("heartbeat");
        slots.create(1);
        PermitHandles handles = slots.handles(LONG);
        long crashed = handles.acquire("crashed", 1, SHORT).orElseThrow();
        await("the silent owner's permit back")
                .atMost(PATIENCE)
                .until(() -> handles.acquire("bob", 1).isPresent());
        assertThat(handles.renew("crashed", crashed)).isFalse();
        assertThat(handles.release("crashed", crashed)).isFalse();
    }

    @Test
    default void shouldRefuseHandlesOnAMissingSemaphoreOrBeyondItsSizeNamingIt() {
        PermitHandles missing = semaphore("no-such").handles(LONG);
        assertThatThrownBy(() -> missing.acquire("alice", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such");
        LeasedSemaphore small = semaphore("small");
        small.create(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> small.handles(LONG).acquire("alice", 2))
                .withMessageContaining("small");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> small.handles(LONG).acquire("alice", 1, Duration.ofMillis(-5)))
                .withMessageContaining("small");
        assertThat(small.inspect()).get().extracting(SemaphoreState::used).isEqualTo(0);
    }

    @Test
    default void shouldRejectASemaphoreOnAPlainLocksKey() {
        try (Lease lock = acquire("both", "alice")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> semaphore("both").create(2))
                    .withMessageContaining("[" + key("both") + "]");
            assertThat(semaphore("both").inspect()).isEmpty();
        }
    }

    @Test
    default void shouldRejectBadSizesNamingTheSemaphore() {
        LeasedSemaphore pool = semaphore("sizes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pool.create(0))
                .withMessageContaining("[" + key("sizes") + "]")
                .withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> pool.create(-2)).withMessageContaining("-2");
        pool.create(2);
        assertThatIllegalArgumentException().isThrownBy(() -> pool.resize(-1)).withMessageContaining("-1");
        assertThat(pool.inspect()).get().extracting(SemaphoreState::size).isEqualTo(2);
    }

    @Test
    default void shouldNeverAdmitMoreHoldersThanTheSizeUnderConcurrency() throws Exception {
        int size = 3;
        int threads = 6;
        int iterations = 30;
        LeasedSemaphore shared = semaphore("fuzz");
        shared.create(size);
        List<LockTemplate> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(track(LockTemplate.builder(createIndependentClient())
                    .instanceId("semaphore-fuzz-" + i)
                    .build()));
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LeasedSemaphore semaphore = clients.get(t % clients.size()).semaphore(namespace(), "fuzz");
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < iterations; i++) {
                        int wanted = 1 + ThreadLocalRandom.current().nextInt(2);
                        PermitRequest request = PermitRequest.permits(wanted)
                                .lease(Duration.ofSeconds(10))
                                .waitTime(Duration.ofSeconds(30))
                                .build();
                        try (Lease lease = semaphore.acquire(request)) {
                            int now = inside.addAndGet(wanted);
                            mostInside.accumulateAndGet(now, Math::max);
                            Thread.yield();
                            inside.addAndGet(-wanted);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostInside.get()).as("most permits held at once").isLessThanOrEqualTo(size);
        assertThat(shared.inspect()).get().extracting(SemaphoreState::used).isEqualTo(0);
    }
}

package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.concurrent.HoldfastLock;
import dev.holdfast.lock.concurrent.HoldfastLocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@link java.util.concurrent.locks.Lock} adapter's waiting on this store: {@code lock()} waits until granted
 * and is not interrupted, {@code lockInterruptibly()} and {@code tryLock(time, unit)} end on an interrupt (before or
 * while waiting) with the flag cleared, {@code tryLock} refuses while another thread holds the lock, and threads of
 * two application instances never overlap. Each wait is shown to be under way before it is ended. Implement it in a
 * {@link LockStoreContract}.
 */
public interface ConcurrentLockWaitingContract extends LockStoreFixture {

    @Test
    default void shouldRefuseTryLockWhileAnotherThreadHoldsTheLock() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        try (LockingThread holder = new LockingThread("holder")) {
            assertThat(holder.run(() -> locks.obtain("a").tryLock(), PATIENCE)).isTrue();
            HoldfastLock lock = locks.obtain("a");
            assertThat(lock.tryLock()).isFalse();
            long start = System.nanoTime();
            assertThat(lock.tryLock(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(lock.holdCount()).isZero();

            holder.run(
                    () -> {
                        locks.obtain("a").unlock();
                        return null;
                    },
                    PATIENCE);
            assertThat(lock.tryLock()).isTrue();
            lock.unlock();
        }
    }

    @Test
    default void shouldMakeLockWaitUntilTheHolderUnlocks() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        try (LockingThread waiter = new LockingThread("waiter")) {
            CompletableFuture<String> granted = waiter.start(() -> {
                locks.obtain("a").lock();
                return template().defaultOwner();
            });
            awaitWaiting("a");
            assertThat(granted).isNotDone();
            lock.unlock();
            String waiterOwner = granted.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(store().inspect(key("a")))
                    .hasValueSatisfying((holder) -> assertThat(holder.owner()).isEqualTo(waiterOwner));
            waiter.run(
                    () -> {
                        locks.obtain("a").unlock();
                        return null;
                    },
                    PATIENCE);
        }
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldGrantTimedTryLockWhenTheHolderUnlocksInTime() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        try (LockingThread waiter = new LockingThread("waiter")) {
            CompletableFuture<Boolean> granted = waiter.start(() -> {
                boolean got = locks.obtain("a").tryLock(30, TimeUnit.SECONDS);
                if (got) {
                    locks.obtain("a").unlock();
                }
                return got;
            });
            awaitWaiting("a");
            lock.unlock();
            assertThat(granted.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    default void shouldEndLockInterruptiblyOnInterruptAndClearTheFlag() throws Exception {
        assertInterruptEndsTheWait((lock) -> {
            lock.lockInterruptibly();
            return true;
        });
    }

    @Test
    default void shouldEndTimedTryLockOnInterruptAndClearTheFlag() throws Exception {
        assertInterruptEndsTheWait((lock) -> lock.tryLock(30, TimeUnit.SECONDS));
    }

    @Test
    default void shouldRefuseInterruptibleAcquireWhenInterruptedBeforehand() throws Exception {
        HoldfastLock lock = HoldfastLocks.of(template(), namespace()).obtain("a");
        List<InterruptibleAcquire> acquires = List.of(
                (free) -> {
                    free.lockInterruptibly();
                    return true;
                },
                (free) -> free.tryLock(1, TimeUnit.SECONDS));
        for (InterruptibleAcquire acquire : acquires) {
            Thread.currentThread().interrupt();
            try {
                acquire.acquire(lock);
                throw new AssertionError("An interrupted thread acquired " + lock);
            } catch (InterruptedException expected) {
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
            }
            assertThat(store().inspect(key("a"))).isEmpty();
        }
    }

    @Test
    default void shouldKeepLockWaitingThroughInterruptsAndKeepTheFlag() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        try (LockingThread waiter = new LockingThread("waiter")) {
            CompletableFuture<Boolean> flagAfterGrant = waiter.start(() -> {
                HoldfastLock waited = locks.obtain("a");
                Thread.currentThread().interrupt(); // the wait below sees it at once
                waited.lock();
                boolean flag = Thread.interrupted();
                waited.unlock();
                return flag;
            });
            awaitWaiting("a"); // waiting in spite of the interrupt it started with
            waiter.interrupt(); // and one while it waits
            assertThat(flagAfterGrant).isNotDone();
            lock.unlock();
            assertThat(flagAfterGrant.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("interrupt flag after lock() returned")
                    .isTrue();
        }
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldExcludeTheSameKeyOfAnotherInstance() throws Exception {
        LockTemplate otherInstance = track(LockTemplate.builder(createIndependentClient())
                .instanceId("node-b")
                .build());
        HoldfastLock mine = HoldfastLocks.of(template(), namespace()).obtain("a");
        HoldfastLock theirs = HoldfastLocks.of(otherInstance, namespace()).obtain("a");
        mine.lock();
        assertThat(theirs.tryLock()).isFalse();
        assertThat(theirs).isNotEqualTo(mine);
        mine.unlock();
        assertThat(theirs.tryLock()).isTrue();
        assertThat(mine.tryLock()).isFalse();
        theirs.unlock();
    }

    @Test
    default void shouldNeverLetTwoThreadsOfTwoInstancesOverlap() throws Exception {
        List<HoldfastLocks> instances = new ArrayList<>();
        for (String id : List.of("node-b", "node-c")) {
            instances.add(HoldfastLocks.of(
                    track(LockTemplate.builder(createIndependentClient())
                            .instanceId(id)
                            .build()),
                    namespace()));
        }
        int threads = 4;
        int iterations = 25;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        int[] unsafeCounter = new int[1];
        List<LockingThread> workers = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                HoldfastLock lock = instances.get(t % instances.size()).obtain("a");
                LockingThread worker = new LockingThread("worker-" + t);
                workers.add(worker);
                done.add(worker.start(() -> {
                    for (int i = 0; i < iterations; i++) {
                        lock.lock();
                        try {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            int read = unsafeCounter[0];
                            Thread.yield();
                            unsafeCounter[0] = read + 1;
                            inside.decrementAndGet();
                        } finally {
                            lock.unlock();
                        }
                    }
                    return null;
                }));
            }
            for (CompletableFuture<Void> worker : done) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            workers.forEach(LockingThread::close);
        }
        assertThat(mostInside.get()).as("most holders at once").isEqualTo(1);
        assertThat(unsafeCounter[0]).isEqualTo(threads * iterations);
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    private void assertInterruptEndsTheWait(InterruptibleAcquire acquire) throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        try (LockingThread waiter = new LockingThread("waiter")) {
            CompletableFuture<Boolean> flagAfter = waiter.start(() -> {
                HoldfastLock waited = locks.obtain("a");
                try {
                    acquire.acquire(waited);
                    throw new AssertionError("The interrupted waiter acquired " + waited);
                } catch (InterruptedException expected) {
                    assertThat(expected).hasMessageContaining("[" + key("a") + "]");
                    assertThat(waited.holdCount()).isZero();
                    return Thread.currentThread().isInterrupted();
                }
            });
            awaitWaiting("a");
            waiter.interrupt();
            try {
                assertThat(flagAfter.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .as("interrupt flag after the InterruptedException")
                        .isFalse();
            } catch (ExecutionException ex) {
                throw new AssertionError(ex.getCause());
            }
        }
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }

    /** A way to acquire a lock that may be interrupted. */
    @FunctionalInterface
    interface InterruptibleAcquire {

        boolean acquire(HoldfastLock lock) throws Exception;
    }
}

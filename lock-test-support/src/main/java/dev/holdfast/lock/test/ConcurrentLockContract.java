package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.concurrent.HoldfastLock;
import dev.holdfast.lock.concurrent.HoldfastLocks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link java.util.concurrent.locks.Lock} adapter on this store: every method of the JDK's interface as
 * {@link HoldfastLock} promises it, re-entry, unlock by a thread that does not hold the lock, the lease renewed while
 * held and reported lost on unlock, and the lease as the thread's current lease. Waiting, interrupts and exclusion
 * across threads are in {@link ConcurrentLockWaitingContract}. Implement it in a {@link LockStoreContract}.
 */
public interface ConcurrentLockContract extends LockStoreFixture {

    @Test
    default void shouldLockThroughEveryAcquireMethodAndFreeTheLockOnUnlock() throws Exception {
        HoldfastLock lock = HoldfastLocks.of(template(), namespace()).obtain("a");
        List<ThrowingAcquire> acquires = List.of(
                () -> {
                    lock.lock();
                    return true;
                },
                () -> {
                    lock.lockInterruptibly();
                    return true;
                },
                lock::tryLock,
                () -> lock.tryLock(1, TimeUnit.SECONDS));
        for (ThrowingAcquire acquire : acquires) {
            assertThat(acquire.acquire()).isTrue();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            assertThat(store().inspect(key("a")))
                    .hasValueSatisfying((holder) ->
                            assertThat(holder.owner()).isEqualTo(template().defaultOwner()));
            lock.unlock();
            assertThat(lock.isHeldByCurrentThread()).isFalse();
            assertThat(store().inspect(key("a"))).isEmpty();
        }
    }

    @Test
    default void shouldReenterOnTheSameThreadAndFreeTheLockAtTheLastUnlock() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        HoldfastLock again = locks.obtain("a");
        assertThat(again).isEqualTo(lock).isNotSameAs(lock);
        assertThat(again.tryLock()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(2);
        LockState twice = store().inspect(key("a")).orElseThrow();
        assertThat(twice.holds()).isEqualTo(2);
        assertThat(again.lease().orElseThrow().token()).isEqualTo(twice.token());

        again.unlock();
        assertThat(lock.holdCount()).isEqualTo(1);
        assertThat(store().inspect(key("a")))
                .hasValueSatisfying((holder) -> assertThat(holder.holds()).isEqualTo(1));
        try (LockingThread other = new LockingThread("other")) {
            assertThat(other.run(() -> locks.obtain("a").tryLock(), PATIENCE)).isFalse();
        }

        lock.unlock();
        assertThat(lock.holdCount()).isZero();
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldRefuseUnlockByAThreadThatDoesNotHoldTheLock() throws Exception {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock lock = locks.obtain("a");
        lock.lock();
        try (LockingThread other = new LockingThread("other")) {
            assertThatThrownBy(() -> other.run(
                            () -> {
                                locks.obtain("a").unlock();
                                return null;
                            },
                            PATIENCE))
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessageContaining("[" + key("a") + "]")
                    .hasMessageContaining("'other'");
        }
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(store().inspect(key("a")))
                .hasValueSatisfying((holder) ->
                        assertThat(holder.owner()).isEqualTo(template().defaultOwner()));
        lock.unlock();
        assertThat(store().inspect(key("a"))).isEmpty();
    }

    @Test
    default void shouldRefuseUnlockOfALockNobodyHolds() {
        HoldfastLock lock = HoldfastLocks.of(template(), namespace()).obtain("a");
        assertThatExceptionOfType(IllegalMonitorStateException.class)
                .isThrownBy(lock::unlock)
                .withMessageContaining("[" + key("a") + "]");
        lock.lock();
        lock.unlock();
        assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
    }

    @Test
    default void shouldRenewTheLeaseWhileTheLockIsHeld() {
        // A lease long enough that a loaded machine's scheduling cannot make the watchdog miss it, short enough to
        // outlive a few times in the test.
        Duration lease = Duration.ofSeconds(1);
        HoldfastLock lock = HoldfastLocks.builder(template(), namespace())
                .lease(lease)
                .build()
                .obtain("a");
        long start = System.nanoTime();
        lock.lock();
        await("the lease of [" + key("a") + "] renewed past three leases")
                .atMost(PATIENCE)
                .until(() -> listener().of("Renewed").size() >= 3
                        && Duration.ofNanos(System.nanoTime() - start).compareTo(lease.multipliedBy(3)) > 0);
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(store().inspect(key("a"))).isPresent();
        lock.unlock();
        assertThat(listener().of("Lost")).isEmpty();
    }

    @Test
    default void shouldReportALostLeaseOnUnlockAndForgetTheHold() {
        HoldfastLock lock = HoldfastLocks.builder(template(), namespace())
                .lease(SHORT)
                .autoRenew(false)
                .build()
                .obtain("a");
        lock.lock();
        awaitFree("a");
        assertThatExceptionOfType(LockLostException.class)
                .isThrownBy(lock::unlock)
                .withMessageContaining("[" + key("a") + "]");
        assertThat(lock.holdCount()).isZero();
        assertThat(LockTemplate.currentLease()).isEmpty();
        assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
    }

    @Test
    default void shouldMakeTheLeaseTheCurrentLeaseBetweenLockAndUnlock() {
        HoldfastLocks locks = HoldfastLocks.of(template(), namespace());
        HoldfastLock outer = locks.obtain("a");
        HoldfastLock inner = locks.obtain("b");
        outer.lock();
        Lease outerLease = outer.lease().orElseThrow();
        assertThat(LockTemplate.currentLease()).containsSame(outerLease);
        assertThat(outerLease.token())
                .isEqualTo(store().inspect(key("a")).orElseThrow().token());
        inner.lock();
        assertThat(LockTemplate.currentLease()).containsSame(inner.lease().orElseThrow());
        inner.unlock();
        assertThat(LockTemplate.currentLease()).containsSame(outerLease);
        outer.unlock();
        assertThat(LockTemplate.currentLease()).isEmpty();
    }

    @Test
    default void shouldRefuseToMakeConditions() {
        HoldfastLock lock = HoldfastLocks.of(template(), namespace()).obtain("a");
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(lock::newCondition)
                .withMessageContaining("[" + key("a") + "]");
    }

    /** One of the ways to acquire a {@link java.util.concurrent.locks.Lock}. */
    @FunctionalInterface
    interface ThrowingAcquire {

        boolean acquire() throws Exception;
    }
}

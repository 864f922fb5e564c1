package dev.holdfast.lock.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lease behind each {@link HoldfastDistributedLock}, on the in-memory store and the real Redis: a time to live per
 * acquisition, the watchdog keeping a held lock past it (what {@code RedisLockRegistry} needs a renewal scheduler
 * for), {@code renewLock} for the holder only, a lost lease reported on unlock as Spring Integration's registries
 * report it, and the lease's fencing token at hand while held.
 */
class HoldfastLockRegistryLeaseTests {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Nested
    class InMemory extends Leases {
        InMemory() {
            super(Store.MEMORY);
        }
    }

    @Nested
    class OnRedis extends Leases {
        OnRedis() {
            super(Store.REDIS);
        }
    }

    abstract static class Leases extends RegistryStores {

        private final LockTemplate instance = instance("node-a");

        Leases(Store store) {
            super(store);
        }

        @Test
        void shouldGrantWithTheTimeToLiveOfTheAcquisition() throws Exception {
            HoldfastDistributedLock lock = registry(instance).obtain("foo");
            lock.lock(Duration.ofSeconds(7));
            assertThat(lock.lease().orElseThrow().leaseTime()).isEqualTo(Duration.ofSeconds(7));
            assertThat(state("foo").remaining()).isLessThanOrEqualTo(Duration.ofSeconds(7));
            lock.unlock();
            assertThat(lock.tryLock(Duration.ZERO, Duration.ofSeconds(9))).isTrue();
            assertThat(lock.lease().orElseThrow().leaseTime()).isEqualTo(Duration.ofSeconds(9));
            lock.unlock();
        }

        @Test
        void shouldKeepAHeldLockPastItsTimeToLive() {
            HoldfastDistributedLock lock =
                    registry(instance, (locks) -> locks.lease(SHORT)).obtain("foo");
            long start = System.nanoTime();
            assertThat(lock.tryLock()).isTrue();
            await().atMost(PATIENCE)
                    .until(() -> Duration.ofNanos(System.nanoTime() - start).compareTo(SHORT.multipliedBy(3)) > 0);
            assertThat(state("foo").owner()).isEqualTo(instance.defaultOwner());
            lock.unlock();
        }

        @Test
        void shouldThrowConcurrentModificationOnUnlockOfALeaseThatExpired() {
            HoldfastDistributedLock lock = registry(
                            instance, (locks) -> locks.lease(SHORT).autoRenew(false))
                    .obtain("foo");
            assertThat(lock.tryLock()).isTrue();
            await().atMost(PATIENCE).until(() -> instance.inspect(key("foo")).isEmpty());
            assertThatExceptionOfType(ConcurrentModificationException.class)
                    .isThrownBy(lock::unlock)
                    .withMessageContaining("[" + key("foo") + "]")
                    .withCauseInstanceOf(LockLostException.class);
            assertThat(lock.isHeldByCurrentThread()).isFalse();
        }

        @Test
        void shouldThrowConcurrentModificationOnUnlockOfALeaseAnOperatorFreed() {
            HoldfastDistributedLock lock = registry(instance).obtain("foo");
            lock.lock();
            assertThat(instance.forceRelease(key("foo"))).isTrue();
            HoldfastDistributedLock theirs = registry(instance("node-b")).obtain("foo");
            assertThat(theirs.tryLock()).isTrue();
            assertThatExceptionOfType(ConcurrentModificationException.class).isThrownBy(lock::unlock);
            assertThat(state("foo").owner()).startsWith("node-b:");
            theirs.unlock();
        }

        @Test
        void shouldRenewTheLockOfTheHoldingThreadOnly() throws Exception {
            HoldfastLockRegistry registry = registry(instance);
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> registry.renewLock("foo"))
                    .withMessageContaining("[" + key("foo") + "] is not held by the current thread");
            HoldfastDistributedLock lock = registry.obtain("foo");
            lock.lock(Duration.ofSeconds(5));
            registry.renewLock("foo", Duration.ofMinutes(10));
            assertThat(state("foo").remaining()).isGreaterThan(Duration.ofMinutes(9));
            lock.unlock();
        }

        @Test
        void shouldRefuseToRenewALostLease() {
            HoldfastLockRegistry registry = registry(instance);
            HoldfastDistributedLock lock = registry.obtain("foo");
            lock.lock();
            instance.forceRelease(key("foo"));
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> registry.renewLock("foo"))
                    .withMessageContaining("could not be renewed");
            assertThatExceptionOfType(ConcurrentModificationException.class).isThrownBy(lock::unlock);
        }

        @Test
        void shouldGiveTheFencingTokenOfTheHolderWhileHeld() {
            HoldfastLockRegistry registry = registry(instance);
            HoldfastDistributedLock lock = registry.obtain("foo");
            lock.lock();
            Lease lease = lock.lease().orElseThrow();
            assertThat(lease.token()).isEqualTo(state("foo").token());
            assertThat(LockTemplate.currentLease()).containsSame(lease);
            lock.unlock();
            assertThat(lock.lease()).isEmpty();
            assertThat(LockTemplate.currentLease()).isEmpty();

            HoldfastDistributedLock next = registry.obtain("foo");
            next.lock();
            assertThat(next.lease().orElseThrow().token()).isGreaterThan(lease.token());
            next.unlock();
        }

        private LockKey key(String id) {
            return new LockKey(namespace, id);
        }

        private LockState state(String id) {
            return instance.inspect(key(id)).orElseThrow();
        }
    }
}

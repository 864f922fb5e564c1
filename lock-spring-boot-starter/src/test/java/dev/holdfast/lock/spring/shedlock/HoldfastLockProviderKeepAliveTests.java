package dev.holdfast.lock.spring.shedlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.shedlock.ProviderStores.Store;
import dev.holdfast.lock.test.LockingThread;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What {@link HoldfastLockProvider} adds to ShedLock, with its default keep-alive, on the in-memory store and the real
 * Redis: the watchdog keeps a running task's lock past lockAtMostFor, which then bounds only a lock whose instance
 * died; lockAtLeastFor still holds after the unlock; a lock lost meanwhile is reported on unlock; and the lease is the
 * task thread's current lease, with its fencing token, from lock to unlock (extensions included).
 */
class HoldfastLockProviderKeepAliveTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final Duration SHORT = Duration.ofMillis(300);

    @Nested
    class InMemory extends KeepAlive {
        InMemory() {
            super(Store.MEMORY);
        }
    }

    @Nested
    class OnRedis extends KeepAlive {
        OnRedis() {
            super(Store.REDIS);
        }
    }

    abstract static class KeepAlive {

        private final ProviderStores stores;

        private final LockTemplate instance;

        private final HoldfastLockProvider provider;

        KeepAlive(Store store) {
            this.stores = new ProviderStores(store);
            this.instance = stores.instance("node-a");
            this.provider = stores.provider(instance, true);
        }

        @AfterEach
        void closeStores() throws Exception {
            // A test that failed while holding a lock leaves its lease bound to this (JUnit's) thread.
            while (LockTemplate.currentLease().isPresent()) {
                LockTemplate.unbindCurrentLease(LockTemplate.currentLease().get());
            }
            stores.close();
        }

        @Test
        void shouldKeepARunningTasksLockPastLockAtMostFor() {
            long start = System.nanoTime();
            SimpleLock lock = provider.lock(config("job", SHORT, Duration.ZERO)).orElseThrow();
            await().atMost(PATIENCE)
                    .until(() -> Duration.ofNanos(System.nanoTime() - start).compareTo(SHORT.multipliedBy(3)) > 0);
            assertThat(stores.locked(instance, "job")).isTrue();
            assertThat(provider.lock(config("job", SHORT, Duration.ZERO))).isEmpty();
            lock.unlock();
            assertThat(stores.locked(instance, "job")).isFalse();
        }

        @Test
        void shouldFreeTheLockAtLockAtMostForWhenItsInstanceDies() throws Exception {
            LockTemplate dying = stores.instance("node-dying");
            try (LockingThread task = new LockingThread("dying-task")) {
                task.run(
                        () -> stores.provider(dying, true)
                                .lock(config("job", SHORT, Duration.ZERO))
                                .orElseThrow(),
                        PATIENCE);
            }
            HoldfastLockProvider survivor = stores.provider(instance, true);
            assertThat(survivor.lock(config("job", SHORT, Duration.ZERO))).isEmpty();

            dying.close(); // its watchdog stops, as when the process dies
            await().atMost(PATIENCE).until(() -> !stores.locked(instance, "job"));
            Optional<SimpleLock> taken = survivor.lock(config("job", SHORT, Duration.ZERO));
            assertThat(taken).isPresent();
            taken.get().unlock();
        }

        @Test
        void shouldKeepTheLockTakenForLockAtLeastForAfterTheUnlock() {
            Duration atLeast = Duration.ofSeconds(1);
            long start = System.nanoTime();
            provider.lock(config("job", Duration.ofSeconds(10), atLeast))
                    .orElseThrow()
                    .unlock();
            assertThat(provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO)))
                    .isEmpty();
            await().atMost(PATIENCE).until(() -> !stores.locked(instance, "job"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(atLeast);
        }

        @Test
        void shouldReportOnUnlockALockLostWhileTheTaskRan() {
            SimpleLock lock = provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))
                    .orElseThrow();
            instance.forceRelease(new LockKey(stores.namespace, "job"));
            assertThatExceptionOfType(LockLostException.class)
                    .isThrownBy(lock::unlock)
                    .withMessageContaining("[" + stores.namespace + ":job]");
        }

        @Test
        void shouldMakeTheLeaseTheCurrentLeaseFromLockToUnlock() {
            SimpleLock lock = provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))
                    .orElseThrow();
            Lease lease = LockTemplate.currentLease().orElseThrow();
            assertThat(lease.token())
                    .isEqualTo(instance.inspect(new LockKey(stores.namespace, "job"))
                            .orElseThrow()
                            .token());
            SimpleLock extended =
                    lock.extend(Duration.ofSeconds(20), Duration.ZERO).orElseThrow();
            assertThat(LockTemplate.currentLease()).containsSame(lease);
            extended.unlock();
            assertThat(LockTemplate.currentLease()).isEmpty();
        }

        private static LockConfiguration config(String name, Duration atMost, Duration atLeast) {
            return new LockConfiguration(Instant.now(), name, atMost, atLeast);
        }
    }
}

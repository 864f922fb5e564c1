package dev.holdfast.lock.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.test.LockingThread;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What Spring Integration expects of its lock registries (the expectations its own {@code RedisLockRegistryTests} and
 * {@code JdbcLockRegistryTests} hold {@code RedisLockRegistry} and {@code JdbcLockRegistry} to), held against
 * {@link HoldfastLockRegistry} on the in-memory store and the real Redis: lock, lockInterruptibly and tryLock, re-entry,
 * two keys at once, a second thread refused and then granted, unlock by a thread that does not hold the lock refused,
 * two registries (two application instances) excluding each other, one of two waiters woken, and executeLocked.
 */
class HoldfastLockRegistryTests {

    @Nested
    class InMemory extends Expectations {
        InMemory() {
            super(Store.MEMORY);
        }
    }

    @Nested
    class OnRedis extends Expectations {
        OnRedis() {
            super(Store.REDIS);
        }
    }

    abstract static class Expectations extends RegistryStores {

        private final LockTemplate instance = instance("node-a");

        private final HoldfastLockRegistry registry = registry(instance);

        Expectations(Store store) {
            super(store);
        }

        @Test
        void shouldLockAndUnlockAgainAndAgain() {
            for (int i = 0; i < 10; i++) {
                Lock lock = registry.obtain("foo");
                lock.lock();
                assertThat(held("foo")).isTrue();
                lock.unlock();
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldLockInterruptiblyAndUnlockAgainAndAgain() throws Exception {
            for (int i = 0; i < 10; i++) {
                Lock lock = registry.obtain("foo");
                lock.lockInterruptibly();
                assertThat(held("foo")).isTrue();
                lock.unlock();
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldReenterThroughTheLockObtainedAgainForTheSameKey() throws Exception {
            for (int i = 0; i < 10; i++) {
                Lock outer = registry.obtain("foo");
                outer.lockInterruptibly();
                Lock inner = registry.obtain("foo");
                assertThat(inner).isEqualTo(outer).hasSameHashCodeAs(outer);
                inner.lockInterruptibly();
                inner.unlock();
                assertThat(held("foo")).isTrue();
                outer.unlock();
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldHoldTwoKeysAtOnce() {
            Lock foo = registry.obtain("foo");
            Lock bar = registry.obtain("bar");
            assertThat(bar).isNotEqualTo(foo);
            foo.lock();
            bar.lock();
            assertThat(held("foo")).isTrue();
            assertThat(held("bar")).isTrue();
            bar.unlock();
            foo.unlock();
            assertThat(held("foo")).isFalse();
            assertThat(held("bar")).isFalse();
        }

        @Test
        void shouldRefuseTheSecondThreadsTimedTryLockAndItsUnlock() throws Exception {
            Lock lock = registry.obtain("foo");
            lock.lockInterruptibly();
            try (LockingThread second = new LockingThread("second")) {
                assertThat(second.run(() -> registry.obtain("foo").tryLock(200, TimeUnit.MILLISECONDS), PATIENCE))
                        .isFalse();
                assertThatThrownBy(() -> second.run(
                                () -> {
                                    registry.obtain("foo").unlock();
                                    return null;
                                },
                                PATIENCE))
                        .isInstanceOf(IllegalMonitorStateException.class)
                        .hasMessageContaining("[" + namespace + ":foo]");
            }
            assertThat(held("foo")).isTrue();
            lock.unlock();
        }

        @Test
        void shouldGrantTheWaitingThreadWhenTheHolderUnlocks() throws Exception {
            Lock lock = registry.obtain("foo");
            lock.lockInterruptibly();
            try (LockingThread second = new LockingThread("second")) {
                CompletableFuture<Boolean> granted = second.start(() -> {
                    registry.obtain("foo").lockInterruptibly();
                    return registry.obtain("foo").isHeldByCurrentThread();
                });
                awaitWaiters("foo", 1);
                assertThat(granted).isNotDone();
                lock.unlock();
                assertThat(granted.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                second.run(
                        () -> {
                            registry.obtain("foo").unlock();
                            return null;
                        },
                        PATIENCE);
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldExcludeEachOtherAcrossTwoRegistriesOfTwoInstances() throws Exception {
            HoldfastLockRegistry other = registry(instance("node-b"));
            Lock mine = registry.obtain("foo");
            Lock theirs = other.obtain("foo");
            assertThat(theirs).isNotEqualTo(mine);
            mine.lockInterruptibly();
            assertThat(theirs.tryLock()).isFalse();
            try (LockingThread second = new LockingThread("second")) {
                CompletableFuture<Boolean> granted = second.start(() -> {
                    theirs.lockInterruptibly();
                    boolean owned = other.obtain("foo").isHeldByCurrentThread();
                    theirs.unlock();
                    return owned;
                });
                awaitWaiters("foo", 1);
                assertThat(granted).isNotDone();
                mine.unlock();
                assertThat(granted.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldRefuseUnlockByAThreadThatDoesNotHoldTheLock() throws Exception {
            Lock lock = registry.obtain("foo");
            lock.lockInterruptibly();
            try (LockingThread wrong = new LockingThread("wrong")) {
                assertThatThrownBy(() -> wrong.run(
                                () -> {
                                    lock.unlock();
                                    return null;
                                },
                                PATIENCE))
                        .isInstanceOf(IllegalMonitorStateException.class);
            }
            assertThat(held("foo")).isTrue();
            lock.unlock();
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldWakeOneOfTwoWaitersOfTwoInstances() throws Exception {
            List<HoldfastLockRegistry> others = List.of(registry(instance("node-b")), registry(instance("node-c")));
            Lock lock = registry.obtain("foo");
            lock.lock();
            try (LockingThread b = new LockingThread("b");
                    LockingThread c = new LockingThread("c")) {
                List<LockingThread> waiters = List.of(b, c);
                List<CompletableFuture<Boolean>> granted = List.of(
                        b.start(() -> others.get(0).obtain("foo").tryLock(30, TimeUnit.SECONDS)),
                        c.start(() -> others.get(1).obtain("foo").tryLock(30, TimeUnit.SECONDS)));
                awaitWaiters("foo", 2);
                lock.unlock();
                await().atMost(PATIENCE).until(() -> granted.stream().anyMatch(CompletableFuture::isDone));
                int first = granted.get(0).isDone() ? 0 : 1;
                assertThat(granted.get(first).get()).isTrue();
                assertThat(granted.get(1 - first))
                        .as("the other waiter, while the first holds")
                        .isNotDone();
                waiters.get(first)
                        .run(
                                () -> {
                                    others.get(first).obtain("foo").unlock();
                                    return null;
                                },
                                PATIENCE);
                assertThat(granted.get(1 - first).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                waiters.get(1 - first)
                        .run(
                                () -> {
                                    others.get(1 - first).obtain("foo").unlock();
                                    return null;
                                },
                                PATIENCE);
            }
            assertThat(held("foo")).isFalse();
        }

        @Test
        void shouldRunExecuteLockedUnderTheLockAndTimeOutWhileAnotherHoldsIt() throws Exception {
            HoldfastLockRegistry other = registry(instance("node-b"));
            Long token = registry.executeLocked("foo", () -> {
                assertThat(other.obtain("foo").tryLock()).isFalse();
                return LockTemplate.currentLease().orElseThrow().token();
            });
            assertThat(token).isPositive();
            assertThat(held("foo")).isFalse();

            Lock lock = registry.obtain("foo");
            lock.lock();
            assertThatExceptionOfType(TimeoutException.class)
                    .isThrownBy(() -> other.executeLocked("foo", java.time.Duration.ofMillis(200), () -> {
                        throw new AssertionError("ran without the lock");
                    }));
            lock.unlock();
        }

        private boolean held(String key) {
            return instance.inspect(new LockKey(namespace, key)).isPresent();
        }
    }
}

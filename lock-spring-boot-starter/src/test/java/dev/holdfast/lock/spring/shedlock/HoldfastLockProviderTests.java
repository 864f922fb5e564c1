package dev.holdfast.lock.spring.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.shedlock.ProviderStores.Store;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.test.support.AbstractExtensibleLockProviderIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * ShedLock's own test suite for lock providers ({@code AbstractExtensibleLockProviderIntegrationTest} of
 * {@code shedlock-test-support}: locking, a second lock refused, lockAtMostFor, lockAtLeastFor, extension, and its
 * fuzz test through ShedLock's {@code LockingTaskExecutor}), run unchanged against {@link HoldfastLockProvider} on
 * the in-memory store and the real Redis. The suite expects ShedLock's plain semantics, where lockAtMostFor bounds a
 * lock whose task still runs, so the provider runs without keep-alive here; {@link HoldfastLockProviderKeepAliveTests}
 * holds the default, keep-alive, to what it promises instead.
 */
class HoldfastLockProviderTests {

    @Nested
    class InMemory extends Suite {
        InMemory() {
            super(Store.MEMORY);
        }
    }

    @Nested
    class OnRedis extends Suite {
        OnRedis() {
            super(Store.REDIS);
        }
    }

    abstract static class Suite extends AbstractExtensibleLockProviderIntegrationTest {

        private final ProviderStores stores;

        private final LockTemplate instance;

        private final HoldfastLockProvider provider;

        Suite(Store store) {
            this.stores = new ProviderStores(store);
            this.instance = stores.instance("node-a");
            this.provider = stores.provider(instance, false);
        }

        @Override
        protected ExtensibleLockProvider getLockProvider() {
            return provider;
        }

        @Override
        protected void assertLocked(String lockName) {
            assertThat(stores.locked(instance, lockName))
                    .as("lock [%s] taken", lockName)
                    .isTrue();
        }

        @Override
        protected void assertUnlocked(String lockName) {
            assertThat(stores.locked(instance, lockName))
                    .as("lock [%s] taken", lockName)
                    .isFalse();
        }

        @AfterEach
        void closeStores() throws Exception {
            // The suite leaves some locks it took on this thread (JUnit's) unlocked: their leases stay bound as the
            // thread's current lease, which must not reach the next test.
            while (LockTemplate.currentLease().isPresent()) {
                LockTemplate.unbindCurrentLease(LockTemplate.currentLease().get());
            }
            stores.close();
        }
    }
}

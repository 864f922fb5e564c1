package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.benchmarks.HandoffLatency;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The hand-off contenders of the {@code jdbc} suite, each a client that waits for a lock on PostgreSQL the way its
 * library lets a user wait. Every client has its own pool, as one application instance would.
 */
enum Waiter {

    /** Holdfast: {@code LockTemplate.acquire} with a wait; the waiter is woken by LISTEN/NOTIFY. */
    HOLDFAST("holdfast", () -> new HoldfastClient(true)),

    /** Holdfast with {@code holdfast.jdbc.listen=false}: the waiter polls (10 ms doubling to 500 ms, jittered). */
    HOLDFAST_POLLING("holdfastPolling", () -> new HoldfastClient(false)),

    /** ShedLock cannot wait: the waiter retries {@code lock} in a busy loop, the fastest a ShedLock user can get. */
    SHEDLOCK("shedlock", ShedLockClient::new),

    /** Spring Integration: {@code JdbcLockRegistry.obtain(key).lock()}, which retries every 100 ms by default. */
    SPRING_INTEGRATION("springIntegration", IntegrationClient::new);

    private final String method;

    private final Supplier<HandoffLatency.Client> factory;

    Waiter(String method, Supplier<HandoffLatency.Client> factory) {
        this.method = method;
        this.factory = factory;
    }

    /** Return the contender's name, its column in the report. */
    String method() {
        return this.method;
    }

    /** Open a new client of this library. */
    HandoffLatency.Client open() {
        return this.factory.get();
    }

    private static final class HoldfastClient implements HandoffLatency.Client {

        private final HikariDataSource pool = BenchmarkDatabase.pool("holdfast-waiter");

        private final JdbcLockStore store;

        private final LockTemplate template;

        HoldfastClient(boolean listen) {
            this.store = new JdbcLockStore(this.pool, listen);
            this.template = LockTemplate.of(this.store);
        }

        @Override
        public Held acquire(String id) {
            Lease lease = this.template.acquire(LockRequest.of("bench", id)
                    .lease(Duration.ofSeconds(30))
                    .waitTime(Duration.ofSeconds(60))
                    .build());
            return lease::close;
        }

        @Override
        public void close() {
            this.template.close();
            this.store.close();
            this.pool.close();
        }
    }

    private static final class ShedLockClient implements HandoffLatency.Client {

        private final HikariDataSource pool = BenchmarkDatabase.pool("shedlock-waiter");

        private final JdbcTemplateLockProvider provider =
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(this.pool))
                        .usingDbTime()
                        .build());

        @Override
        public Held acquire(String id) {
            while (true) {
                Optional<SimpleLock> lock = this.provider.lock(
                        new LockConfiguration(ClockProvider.now(), id, Duration.ofSeconds(30), Duration.ZERO));
                if (lock.isPresent()) {
                    return lock.get()::unlock;
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            this.pool.close();
        }
    }

    private static final class IntegrationClient implements HandoffLatency.Client {

        private final HikariDataSource pool = BenchmarkDatabase.pool("spring-integration-waiter");

        private final DefaultLockRepository repository = new DefaultLockRepository(this.pool);

        private final JdbcLockRegistry registry;

        IntegrationClient() {
            this.repository.setTransactionManager(new DataSourceTransactionManager(this.pool));
            this.repository.afterPropertiesSet();
            this.repository.afterSingletonsInstantiated();
            this.repository.start();
            this.registry = new JdbcLockRegistry(this.repository);
        }

        @Override
        public Held acquire(String id) {
            Lock lock = this.registry.obtain(id);
            lock.lock();
            return lock::unlock;
        }

        @Override
        public void close() {
            this.repository.close();
            this.pool.close();
        }
    }
}

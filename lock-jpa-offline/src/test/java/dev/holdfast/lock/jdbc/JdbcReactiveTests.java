package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.ReactiveContract;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link dev.holdfast.lock.reactive.ReactiveLockTemplate} on the database store over real databases: the reactive
 * contract (release on completion, error and cancellation; waiters woken by PostgreSQL's {@code NOTIFY}, by polling on
 * H2 and MariaDB), and the store's blocking calls made on the bounded scheduler's threads, never on the subscriber's
 * non-blocking thread.
 */
class JdbcReactiveTests {

    @Nested
    class Postgres extends Contract {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class H2 extends Polling {
        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:reactive-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @Nested
    class Mariadb extends Polling {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    /** A store without notifications: its waiters poll with backoff (up to 500 ms), found within it. */
    abstract static class Polling extends Contract {

        Polling(Supplier<JdbcService> service) {
            super(service);
        }

        @Override
        public Duration reactiveWakeUpBound() {
            return Duration.ofMillis(800);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract extends LockStoreContract implements ReactiveContract {

        private final HikariDataSource pool;

        private final List<String> connectionThreads = new CopyOnWriteArrayList<>();

        Contract(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool = new HikariDataSource();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            this.pool.setMaximumPoolSize(8);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
        }

        @Override
        protected LockStore createStore() {
            this.connectionThreads.clear();
            return new JdbcLockStore(new DelegatingDataSource(this.pool) {
                @Override
                public Connection getConnection() throws SQLException {
                    Contract.this.connectionThreads.add(Thread.currentThread().getName());
                    return super.getConnection();
                }
            });
        }

        @AfterAll
        void closePool() {
            this.pool.close();
        }

        @Test
        void shouldRunTheStoreCallsOnTheBoundedSchedulerNotOnTheSubscribersThread() {
            LockRequest request = request("r", "alice").build();
            Mono<Long> locked = reactive()
                    .execute(request, (lease) -> Mono.just(lease.token()))
                    .subscribeOn(Schedulers.parallel());
            this.connectionThreads.clear();
            StepVerifier.create(locked)
                    .assertNext((token) -> assertThat(token).isPositive())
                    .verifyComplete();
            // The Mono completes only after the release: both store calls are done.
            List<String> storeCalls = List.copyOf(this.connectionThreads);
            assertThat(storeCalls)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy((thread) -> assertThat(thread).startsWith(OFFLOAD_THREADS));
            awaitFree("r");
        }
    }
}

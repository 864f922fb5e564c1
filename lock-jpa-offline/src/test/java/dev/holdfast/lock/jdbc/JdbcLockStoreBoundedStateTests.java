package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Bounded state on the database: free and expired rows are deleted after their retention, so distinct ids leave
 * nothing behind, and tokens come from one sequence, so a key whose row was deleted still gets a higher token. The
 * same holds for read/write locks (whose rows go once released), expired semaphore grants and dead queue places.
 */
class JdbcLockStoreBoundedStateTests {

    @Nested
    class Postgres extends BoundedState {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class Mariadb extends BoundedState {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @Nested
    class H2 extends BoundedState {
        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:bounded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class BoundedState {

        static final Duration LONG = Duration.ofSeconds(30);

        final HikariDataSource pool = new HikariDataSource();

        final JdbcTemplate jdbc;

        final JdbcLockStore store;

        String namespace;

        BoundedState(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            this.pool.setMaximumPoolSize(10);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
            this.jdbc = new JdbcTemplate(this.pool);
            // No retention: a sweep deletes every free row; the background sweep runs once a second.
            this.store = new JdbcLockStore(this.pool, false, Duration.ZERO);
        }

        @BeforeEach
        void newNamespace() {
            this.namespace = "bounded-" + UUID.randomUUID().toString().substring(0, 8);
        }

        @AfterAll
        void close() {
            this.store.close();
            this.pool.close();
        }

        @Test
        void shouldLeaveNoRowBehindAfterAHundredThousandDistinctIdsAreLockedAndReleased() throws Exception {
            long before = rows();
            int ids = 100_000;
            int threads = 8;
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    runs.add(executor.submit(() -> {
                        for (int i = first; i < ids; i += threads) {
                            LockKey key = new LockKey(this.namespace, "id-" + i);
                            long token = grant(key, "owner");
                            assertThat(this.store.release(key, "owner", token)).isEqualTo(ReleaseOutcome.RELEASED);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(10, TimeUnit.MINUTES);
                }
            } finally {
                executor.shutdownNow();
            }
            this.store.deleteFreeRows();
            assertThat(rows()).isEqualTo(before);
        }

        @Test
        void shouldDeleteExpiredRowsInTheBackground() {
            LockKey key = new LockKey(this.namespace, "expiring");
            grant(key, "owner", Duration.ofMillis(50));
            assertThat(rows()).isOne();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rows() == 0);
        }

        @Test
        void shouldGrantAKeyWhoseRowWasDeletedATokenAboveItsLast() {
            LockKey key = new LockKey(this.namespace, "again");
            long first = grant(key, "alice");
            this.store.release(key, "alice", first);
            this.store.deleteFreeRows();
            assertThat(rows()).isZero();
            long second = grant(key, "bob");
            assertThat(second).isGreaterThan(first);
            this.store.release(key, "bob", second);
        }

        @Test
        void shouldStartTheSequenceAboveTheTokensOfATableFromBeforeIt() {
            long old = 9_000_000_000L + System.nanoTime() % 1_000_000;
            this.jdbc.update(
                    "INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at,"
                            + " created_at, updated_at) VALUES (?, ?, NULL, 0, 0, ?, NULL, CURRENT_TIMESTAMP,"
                            + " CURRENT_TIMESTAMP)",
                    this.namespace,
                    "old",
                    old);
            try (JdbcLockStore upgraded = new JdbcLockStore(this.pool, false, Duration.ofMinutes(10))) {
                upgraded.deleteFreeRows();
                this.jdbc.update(
                        "DELETE FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ?", this.namespace, "old");
                LockKey oldKey = new LockKey(this.namespace, "old");
                AcquireOutcome outcome = upgraded.acquire(command(oldKey, "carol", Duration.ofSeconds(30)));
                long token = ((AcquireOutcome.Granted) outcome).token();
                assertThat(token).isGreaterThan(old);
                upgraded.release(oldKey, "carol", token);
            }
        }

        @Test
        void shouldLeaveNoRowOfReleasedReadWriteLocksBehind() {
            for (int i = 0; i < 200; i++) {
                LockKey key = new LockKey(this.namespace, "doc-" + i);
                long alice = permit(key, "alice", SemaphoreKind.READ_WRITE, false, Duration.ofSeconds(30));
                long bob = permit(key, "bob", SemaphoreKind.READ_WRITE, false, Duration.ofSeconds(30));
                release(key, SemaphoreKind.READ_WRITE, "alice", alice);
                release(key, SemaphoreKind.READ_WRITE, "bob", bob);
                long carol = permit(key, "carol", SemaphoreKind.READ_WRITE, true, Duration.ofSeconds(30));
                release(key, SemaphoreKind.READ_WRITE, "carol", carol);
                assertThat(this.store.inspectSemaphore(SemaphoreKind.READ_WRITE, key))
                        .isEmpty();
            }
            this.store.deleteFreeRows();
            assertThat(semaphoreRows()).isZero();
        }

        @Test
        void shouldDeleteTheRowOfAReadWriteLockWhoseWriterCrashedInTheBackground() {
            LockKey key = new LockKey(this.namespace, "crashed");
            permit(key, "crashed", SemaphoreKind.READ_WRITE, true, Duration.ofMillis(50));
            assertThat(semaphoreRows()).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> semaphoreRows() == 0);
        }

        @Test
        void shouldDeleteExpiredGrantsAndDeadQueuePlacesButKeepTheSemaphore() {
            LockKey key = new LockKey(this.namespace, "pool");
            assertThat(this.store.createSemaphore(key, 1, true)).isTrue();
            permit(key, "crashed", SemaphoreKind.SEMAPHORE, false, Duration.ofMillis(200));
            assertThat(this.store.acquirePermits(command(key, "left", SemaphoreKind.SEMAPHORE, false, LONG)))
                    .as("a waiter that asks once, is queued, and leaves")
                    .isInstanceOf(PermitOutcome.Refused.class);
            assertThat(semaphoreRows()).isEqualTo(3);
            // The grant's lease and the place's claim (SemaphoreStore.QUEUE_CLAIM) run out by the database clock.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                this.store.deleteFreeRows();
                return semaphoreRows() == 1;
            });
            assertThat(this.store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key))
                    .hasValueSatisfying((state) -> assertThat(state.holders()).isEmpty());
        }

        @Test
        void shouldLeaveNothingOfADeletedSemaphore() {
            LockKey key = new LockKey(this.namespace, "deleted");
            this.store.createSemaphore(key, 1, true);
            permit(key, "alice", SemaphoreKind.SEMAPHORE, false, LONG);
            this.store.acquirePermits(command(key, "bob", SemaphoreKind.SEMAPHORE, false, LONG));
            assertThat(semaphoreRows()).isEqualTo(3);
            assertThat(this.store.deleteSemaphore(key, true)).isEqualTo(SemaphoreDeletion.DELETED);
            assertThat(semaphoreRows()).isZero();
        }

        @Test
        void shouldTreatTheRowOfAReleasedReadWriteLockAsNoLockAtAll() {
            LockKey key = new LockKey(this.namespace, "reused");
            long token = permit(key, "alice", SemaphoreKind.READ_WRITE, true, LONG);
            assertThat(this.store.acquirePermits(command(key, "bob", SemaphoreKind.SEMAPHORE, false, LONG)))
                    .as("a semaphore on a held read/write lock's key")
                    .isInstanceOf(PermitOutcome.Rejected.class);
            release(key, SemaphoreKind.READ_WRITE, "alice", token);
            assertThat(semaphoreRows())
                    .as("the released lock's row, until the sweep")
                    .isOne();
            assertThat(this.store.acquirePermits(command(key, "bob", SemaphoreKind.SEMAPHORE, false, LONG)))
                    .isInstanceOf(PermitOutcome.Missing.class);
            assertThat(this.store.createSemaphore(key, 2, false)).isTrue();
            assertThat(this.store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key))
                    .hasValueSatisfying((state) -> assertThat(state.size()).isEqualTo(2));
            assertThat(this.store.inspectSemaphore(SemaphoreKind.READ_WRITE, key))
                    .isEmpty();
            assertThat(semaphoreRows()).isOne();
        }

        long permit(LockKey key, String owner, SemaphoreKind kind, boolean exclusive, Duration lease) {
            PermitOutcome outcome = this.store.acquirePermits(command(key, owner, kind, exclusive, lease));
            assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
            return ((PermitOutcome.Granted) outcome).token();
        }

        void release(LockKey key, SemaphoreKind kind, String owner, long token) {
            assertThat(this.store.releasePermits(kind, key, owner, token)).isEqualTo(ReleaseOutcome.RELEASED);
        }

        static PermitCommand command(LockKey key, String owner, SemaphoreKind kind, boolean exclusive, Duration lease) {
            return new PermitCommand(key, kind, owner, 0, 1, exclusive, lease, AcquireMode.LOCK, 0, false);
        }

        /** The rows of this test's namespace in the three semaphore tables. */
        long semaphoreRows() {
            long rows = 0;
            for (String table : List.of("holdfast_semaphore", "holdfast_semaphore_grant", "holdfast_semaphore_queue")) {
                Long count = this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM " + table + " WHERE lock_namespace = ?", Long.class, this.namespace);
                rows += (count != null) ? count : 0;
            }
            return rows;
        }

        long grant(LockKey key, String owner) {
            return grant(key, owner, Duration.ofSeconds(30));
        }

        long grant(LockKey key, String owner, Duration lease) {
            AcquireOutcome outcome = this.store.acquire(command(key, owner, lease));
            assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
            return ((AcquireOutcome.Granted) outcome).token();
        }

        static AcquireCommand command(LockKey key, String owner, Duration lease) {
            return new AcquireCommand(key, owner, 0, lease, AcquireMode.LOCK);
        }

        long rows() {
            Long count = this.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM holdfast_lock WHERE lock_namespace = ?", Long.class, this.namespace);
            return (count != null) ? count : 0;
        }
    }
}

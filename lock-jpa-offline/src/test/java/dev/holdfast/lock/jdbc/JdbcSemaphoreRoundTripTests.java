package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The design of {@link JdbcLockStore}'s semaphores and read/write locks, asserted through a statement-counting data
 * source: each operation takes one connection of its own; an acquire, a create, a resize and a delete are one short
 * transaction of a fixed few statements (the key's row locked first), a release and a renewal one statement in
 * autocommit; a grant neither joins nor commits the caller's transaction.
 */
class JdbcSemaphoreRoundTripTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Nested
    class Postgres extends RoundTrips {

        Postgres() {
            super(TestServices::postgres);
        }

        @Test
        void shouldFlagAWaitedForSemaphoreOnceWhenNotifying() {
            try (JdbcLockStore notifying = new JdbcLockStore(this.counting, true)) {
                notifying.createSemaphore(this.key, 1, false);
                notifying.acquirePermits(permits("alice", 1));
                assertTransaction(3, () -> notifying.acquirePermits(permits("bob", 1)));
                assertTransaction(2, () -> notifying.acquirePermits(permits("carol", 1)));
            }
        }
    }

    @Nested
    class Mariadb extends RoundTrips {

        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @Nested
    class H2 extends RoundTrips {

        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:sem-trips-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class RoundTrips {

        final HikariDataSource pool;

        final CountingDataSource counting;

        final JdbcLockStore store;

        LockKey key;

        RoundTrips(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool = new HikariDataSource();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            this.pool.setMaximumPoolSize(4);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
            this.counting = new CountingDataSource(this.pool);
            // No notifications: a refused request writes nothing (PostgreSQL's flag is asserted on its own).
            this.store = new JdbcLockStore(this.counting, false);
        }

        @BeforeEach
        void newKey() {
            this.key = new LockKey("sem-trips", UUID.randomUUID().toString());
        }

        @AfterAll
        void closePool() {
            this.store.close();
            this.pool.close();
        }

        @Test
        void shouldCreateAcquireAndRefuseInOneShortTransactionEach() {
            // lock (none), insert
            assertThat(assertTransaction(2, () -> this.store.createSemaphore(this.key, 2, false)))
                    .isTrue();
            // lock, members
            assertThat(assertTransaction(2, () -> this.store.createSemaphore(this.key, 5, false)))
                    .isFalse();
            // lock, members, insert-grant
            assertThat(assertTransaction(3, () -> this.store.acquirePermits(permits("alice", 2))))
                    .isInstanceOf(PermitOutcome.Granted.class);
            // lock, members
            assertThat(assertTransaction(2, () -> this.store.acquirePermits(permits("bob", 1))))
                    .isInstanceOf(PermitOutcome.Refused.class);
        }

        @Test
        void shouldReleaseAndRenewInOneStatementEach() {
            this.store.createSemaphore(this.key, 2, false);
            long token = granted(this.store.acquirePermits(permits("alice", 1)));
            long other = granted(this.store.acquirePermits(permits("bob", 1)));
            RenewCommand renew = new RenewCommand(this.key, "alice", token, Duration.ofMinutes(1));
            assertThat(assertOneStatement(() -> this.store.renewPermits(SemaphoreKind.SEMAPHORE, renew)))
                    .isTrue();
            RenewCommand renewOther = new RenewCommand(this.key, "bob", other, Duration.ofMinutes(1));
            assertThat(assertOneStatement(
                            () -> this.store.renewAllPermits(SemaphoreKind.SEMAPHORE, List.of(renew, renewOther))))
                    .isEmpty();
            assertThat(assertOneStatement(
                            () -> this.store.releasePermits(SemaphoreKind.SEMAPHORE, this.key, "alice", token)))
                    .isEqualTo(ReleaseOutcome.RELEASED);
            assertThat(assertOneStatement(
                            () -> this.store.releasePermits(SemaphoreKind.SEMAPHORE, this.key, "alice", token)))
                    .isEqualTo(ReleaseOutcome.NOT_HELD);
        }

        @Test
        void shouldQueueDisplaceAndServeTheHeadInAFixedFewStatements() {
            this.store.createSemaphore(this.key, 1, true);
            long alice = granted(this.store.acquirePermits(permits("alice", 1)));
            // lock, members, enqueue
            assertThat(assertTransaction(3, () -> this.store.acquirePermits(permits("bob", 1))))
                    .isInstanceOf(PermitOutcome.Refused.class);
            this.store.releasePermits(SemaphoreKind.SEMAPHORE, this.key, "alice", alice);
            // lock, members, insert-grant, dequeue
            long bob = granted(assertTransaction(4, () -> this.store.acquirePermits(permits("bob", 1))));
            // lock, members, delete-grant (one batch), insert-grant
            PermitOutcome claimed = assertTransaction(
                    4,
                    () -> this.store.acquirePermits(new PermitCommand(
                            this.key,
                            SemaphoreKind.SEMAPHORE,
                            "carol",
                            0,
                            1,
                            false,
                            LEASE,
                            AcquireMode.CLAIM,
                            0,
                            false)));
            assertThat(((PermitOutcome.Granted) claimed).displaced())
                    .singleElement()
                    .satisfies((holder) -> assertThat(holder.token()).isEqualTo(bob));
        }

        @Test
        void shouldTakeAReadWriteLockInOneShortTransactionAndReleaseItInOneStatement() {
            // lock (none), insert, insert-grant
            long alice = granted(assertTransaction(3, () -> this.store.acquirePermits(read("alice"))));
            // lock, members, insert-grant
            long bob = granted(assertTransaction(3, () -> this.store.acquirePermits(read("bob"))));
            assertOneStatement(() -> this.store.releasePermits(SemaphoreKind.READ_WRITE, this.key, "alice", alice));
            assertThat(assertOneStatement(
                            () -> this.store.releasePermits(SemaphoreKind.READ_WRITE, this.key, "bob", bob)))
                    .isEqualTo(ReleaseOutcome.RELEASED);
            assertThat(this.store.inspectSemaphore(SemaphoreKind.READ_WRITE, this.key))
                    .isEmpty();
        }

        @Test
        void shouldResizeAndDeleteInOneShortTransactionEach() {
            this.store.createSemaphore(this.key, 2, false);
            // resize, inspect
            assertThat(assertTransaction(2, () -> this.store.resizeSemaphore(this.key, 4)))
                    .hasValueSatisfying((state) -> assertThat(state.size()).isEqualTo(4));
            long token = granted(this.store.acquirePermits(permits("alice", 1)));
            // lock, members
            assertThat(assertTransaction(2, () -> this.store.deleteSemaphore(this.key, false)))
                    .isEqualTo(SemaphoreDeletion.IN_USE);
            this.store.releasePermits(SemaphoreKind.SEMAPHORE, this.key, "alice", token);
            // lock, members, delete-row
            assertThat(assertTransaction(3, () -> this.store.deleteSemaphore(this.key, false)))
                    .isEqualTo(SemaphoreDeletion.DELETED);
        }

        @Test
        void shouldNeitherJoinNorCommitTheCallersTransaction() {
            this.store.createSemaphore(this.key, 1, false);
            // The caller's transaction is on the store's own data source, where a store that joined it would find it.
            JdbcTemplate jdbc = new JdbcTemplate(this.counting);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.counting));
            transaction.executeWithoutResult((status) -> {
                // The caller's own write, in its transaction, before it takes the permit.
                jdbc.update(
                        "INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at,"
                                + " created_at, updated_at) VALUES (?, ?, NULL, 0, 0, 0, NULL, CURRENT_TIMESTAMP,"
                                + " CURRENT_TIMESTAMP)",
                        this.key.namespace(),
                        this.key.id());
                assertThat(this.store.acquirePermits(permits("alice", 1))).isInstanceOf(PermitOutcome.Granted.class);
                status.setRollbackOnly();
            });
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ?",
                            Long.class,
                            this.key.namespace(),
                            this.key.id()))
                    .as("the caller's write, rolled back")
                    .isZero();
            assertThat(this.store.inspectSemaphore(SemaphoreKind.SEMAPHORE, this.key))
                    .hasValueSatisfying((state) -> assertThat(state.holders())
                            .singleElement()
                            .satisfies((holder) -> assertThat(holder.owner()).isEqualTo("alice")));
        }

        PermitCommand permits(String owner, int permits) {
            return new PermitCommand(
                    this.key, SemaphoreKind.SEMAPHORE, owner, 0, permits, false, LEASE, AcquireMode.LOCK, 0, false);
        }

        PermitCommand read(String owner) {
            return new PermitCommand(
                    this.key, SemaphoreKind.READ_WRITE, owner, 0, 1, false, LEASE, AcquireMode.LOCK, 0, false);
        }

        static long granted(PermitOutcome outcome) {
            assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
            return ((PermitOutcome.Granted) outcome).token();
        }

        <T> T assertOneStatement(Supplier<T> operation) {
            this.counting.reset();
            T result = operation.get();
            assertThat(this.counting.calls()).containsExactly("execute[autocommit]");
            assertThat(this.counting.connections()).isOne();
            return result;
        }

        <T> T assertTransaction(int statements, Supplier<T> operation) {
            this.counting.reset();
            T result = operation.get();
            List<String> expected = new ArrayList<>();
            expected.add("setAutoCommit(false)");
            for (int i = 0; i < statements; i++) {
                expected.add("execute[transaction]");
            }
            expected.add("commit");
            assertThat(this.counting.calls()).isEqualTo(expected);
            assertThat(this.counting.connections()).isOne();
            return result;
        }
    }
}

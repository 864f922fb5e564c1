package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * The design of {@link JdbcLockStore}, asserted through a statement-counting data source: on PostgreSQL every
 * operation is one statement in autocommit (one round trip, no BEGIN/COMMIT); on MariaDB a lock request, a release and
 * a renewal are; on H2 an acquire is one short transaction. On every database an operation survives the rollback of
 * the caller's transaction and works on a pool whose connections do not autocommit.
 */
class JdbcLockStoreRoundTripTests {

    private static final List<String> ONE_STATEMENT = List.of("execute[autocommit]");

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Nested
    class Postgres extends RoundTrips {

        Postgres() {
            super(TestServices::postgres);
        }

        @Test
        void shouldGrantPreemptAndClaimInOneStatement() {
            assertOneStatement(() -> this.store.acquire(command("alice", 0, AcquireMode.LOCK)));
            AcquireOutcome preempted =
                    assertOneStatement(() -> this.store.acquire(command("bob", 5, AcquireMode.LOCK)));
            assertThat(((AcquireOutcome.Granted) preempted).displaced())
                    .isNotNull()
                    .extracting((state) -> state.owner())
                    .isEqualTo("alice");
            AcquireOutcome claimed =
                    assertOneStatement(() -> this.store.acquire(command("carol", 0, AcquireMode.CLAIM)));
            assertThat(((AcquireOutcome.Granted) claimed).displaced())
                    .isNotNull()
                    .extracting((state) -> state.owner())
                    .isEqualTo("bob");
        }

        @Test
        void shouldCreateAndRefuseCreateInOneStatement() {
            assertThat(assertOneStatement(() -> this.store.acquire(command("alice", 0, AcquireMode.CREATE))))
                    .isInstanceOf(AcquireOutcome.Granted.class);
            assertThat(assertOneStatement(() -> this.store.acquire(command("alice", 0, AcquireMode.CREATE))))
                    .isInstanceOf(AcquireOutcome.Refused.class);
        }

        @Test
        void shouldPreemptNegativePriorityHolderWithSecondStatementOnlyForPriorityZero() {
            this.store.acquire(command("alice", -1, AcquireMode.LOCK));
            this.counting.reset();
            AcquireOutcome preempted = this.store.acquire(command("bob", 0, AcquireMode.LOCK));
            assertThat(this.counting.calls()).isEqualTo(List.of("execute[autocommit]", "execute[autocommit]"));
            assertThat(((AcquireOutcome.Granted) preempted).displaced())
                    .isNotNull()
                    .extracting((state) -> state.owner())
                    .isEqualTo("alice");
        }

        @Test
        void shouldReportHolderThatCommittedWhileRefusedRequestWaited() throws Exception {
            long alice = ((AcquireOutcome.Granted) this.store.acquire(command("alice", 0, AcquireMode.LOCK))).token();
            this.store.release(this.key, "alice", alice);
            try (Connection other = this.pool.getConnection()) {
                other.setAutoCommit(false);
                long carol = backendPid(other);
                try (PreparedStatement update = other.prepareStatement("UPDATE holdfast_lock SET owner = 'carol',"
                        + " holds = 1, token = token + 1, expires_at = CURRENT_TIMESTAMP + INTERVAL '1 minute'"
                        + " WHERE lock_namespace = ? AND lock_id = ?")) {
                    update.setString(1, this.key.namespace());
                    update.setString(2, this.key.id());
                    update.executeUpdate();
                }
                // bob's statement starts while carol's grant is uncommitted: its snapshot sees a free lock
                CompletableFuture<AcquireOutcome> bob =
                        CompletableFuture.supplyAsync(() -> this.store.acquire(command("bob", 0, AcquireMode.LOCK)));
                await("bob's statement blocked by carol's uncommitted grant")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> blockedBy(carol) > 0);
                assertThat(bob).isNotDone();
                other.commit();
                AcquireOutcome outcome = bob.get(10, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(AcquireOutcome.Refused.class);
                assertThat(((AcquireOutcome.Refused) outcome).holder().owner()).isEqualTo("carol");
                assertThat(((AcquireOutcome.Refused) outcome).holder().token()).isEqualTo(alice + 1);
            }
        }

        private long backendPid(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
                result.next();
                return result.getLong(1);
            }
        }

        /** Count the sessions whose statements wait for a lock that the session {@code pid} holds. */
        private long blockedBy(long pid) {
            return new JdbcTemplate(this.pool)
                    .queryForObject(
                            "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
                            Long.class,
                            pid);
        }

        @Test
        void shouldExpireInOneStatement() {
            this.store.acquire(command("alice", 0, AcquireMode.LOCK));
            assertThat(assertOneStatement(() -> this.store.expire(this.key, "alice")))
                    .isTrue();
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
            super(() -> new JdbcService("jdbc:h2:mem:trips-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }

        @Override
        <T> T assertAcquireRoundTrip(Supplier<T> operation) {
            // H2 is embedded, so round trips cost nothing: acquire keeps one short transaction.
            this.counting.reset();
            T result = operation.get();
            assertThat(this.counting.calls())
                    .startsWith("setAutoCommit(false)")
                    .endsWith("commit")
                    .doesNotContain("execute[autocommit]", "rollback");
            return result;
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
            this.store = new JdbcLockStore(this.counting);
        }

        @BeforeEach
        void newKey() {
            this.key = new LockKey("trips", UUID.randomUUID().toString());
        }

        @AfterAll
        void closePool() {
            this.pool.close();
        }

        AcquireCommand command(String owner, int priority, AcquireMode mode) {
            return new AcquireCommand(this.key, owner, priority, LEASE, mode);
        }

        <T> T assertOneStatement(Supplier<T> operation) {
            this.counting.reset();
            T result = operation.get();
            assertThat(this.counting.calls()).isEqualTo(ONE_STATEMENT);
            return result;
        }

        <T> T assertAcquireRoundTrip(Supplier<T> operation) {
            return assertOneStatement(operation);
        }

        @Test
        void shouldAcquireReenterAndRefuseInOneStatementEach() {
            AcquireOutcome first =
                    assertAcquireRoundTrip(() -> this.store.acquire(command("alice", 0, AcquireMode.LOCK)));
            AcquireOutcome again =
                    assertAcquireRoundTrip(() -> this.store.acquire(command("alice", 0, AcquireMode.LOCK)));
            AcquireOutcome other =
                    assertAcquireRoundTrip(() -> this.store.acquire(command("bob", 0, AcquireMode.LOCK)));
            assertThat(first).isInstanceOf(AcquireOutcome.Granted.class);
            assertThat(again).isEqualTo(new AcquireOutcome.Granted(((AcquireOutcome.Granted) first).token(), 2, null));
            assertThat(((AcquireOutcome.Refused) other).holder().owner()).isEqualTo("alice");
        }

        @Test
        void shouldReleaseAndRenewInOneStatementEach() {
            long token = ((AcquireOutcome.Granted) this.store.acquire(command("alice", 0, AcquireMode.LOCK))).token();
            assertThat(assertOneStatement(
                            () -> this.store.renew(new RenewCommand(this.key, "alice", token, Duration.ofMinutes(1)))))
                    .isTrue();
            assertThat(assertOneStatement(() -> this.store.release(this.key, "alice", token)))
                    .isEqualTo(ReleaseOutcome.RELEASED);
        }

        @Test
        void shouldReacquireFreedLockInOneStatementWithGreaterToken() {
            long token = ((AcquireOutcome.Granted) this.store.acquire(command("alice", 0, AcquireMode.LOCK))).token();
            this.store.release(this.key, "alice", token);
            AcquireOutcome next = assertAcquireRoundTrip(() -> this.store.acquire(command("bob", 0, AcquireMode.LOCK)));
            assertThat(((AcquireOutcome.Granted) next).token()).isGreaterThan(token);
        }

        @Test
        void shouldKeepLockWhenCallersTransactionRollsBack() {
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.pool));
            transaction.executeWithoutResult((status) -> {
                assertThat(this.store.acquire(command("alice", 0, AcquireMode.LOCK)))
                        .isInstanceOf(AcquireOutcome.Granted.class);
                status.setRollbackOnly();
            });
            assertThat(this.store.inspect(this.key))
                    .hasValueSatisfying((state) -> assertThat(state.owner()).isEqualTo("alice"));
        }

        @Test
        void shouldWorkOnPoolWhoseConnectionsDoNotAutocommit() {
            try (HikariDataSource manual = new HikariDataSource()) {
                manual.setJdbcUrl(this.pool.getJdbcUrl());
                manual.setUsername(this.pool.getUsername());
                manual.setPassword(this.pool.getPassword());
                manual.setMaximumPoolSize(2);
                manual.setAutoCommit(false);
                JdbcLockStore manualStore = new JdbcLockStore(manual);
                AcquireOutcome granted = manualStore.acquire(command("alice", 0, AcquireMode.LOCK));
                assertThat(granted).isInstanceOf(AcquireOutcome.Granted.class);
                assertThat(this.store.acquire(command("bob", 0, AcquireMode.LOCK)))
                        .isInstanceOf(AcquireOutcome.Refused.class);
                assertThat(manualStore.release(this.key, "alice", ((AcquireOutcome.Granted) granted).token()))
                        .isEqualTo(ReleaseOutcome.RELEASED);
                assertThat(this.store.acquire(command("bob", 0, AcquireMode.LOCK)))
                        .isInstanceOf(AcquireOutcome.Granted.class);
            }
        }
    }
}

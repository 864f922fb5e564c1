package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Deadlock behaviour on database servers that detect deadlocks (PostgreSQL, MariaDB). */
abstract class AbstractServerRowLocksTests extends AbstractRowLocksTests {

    /** Session settings that make a raw holder lose no deadlock to the pool's connections. */
    abstract String[] heavyHolderSettings();

    /** Check the database's own deadlock error. */
    abstract void assertDeadlockError(SQLException error);

    /** Return the database's id of a connection's session. */
    abstract long sessionId(Connection connection) throws SQLException;

    /** Return whether a session waits for a row lock now, asking on a connection of the pool. */
    abstract boolean waitsForRowLock(long sessionId);

    @Test
    void shouldDeadlockWithoutTheHelperWhenLockingInOppositeOrder() throws Exception {
        try (Connection first = this.db.rawConnection(rawSettings());
                Connection second = this.db.rawConnection(rawSettings())) {
            RowLockDatabase.lockAccount(first, 1);
            RowLockDatabase.lockAccount(second, 2);
            CompletableFuture<SQLException> firstThenSecond = CompletableFuture.supplyAsync(() -> lockOrFail(first, 2));
            CompletableFuture<SQLException> secondThenFirst =
                    CompletableFuture.supplyAsync(() -> lockOrFail(second, 1));
            List<SQLException> failures = Stream.of(firstThenSecond.join(), secondThenFirst.join())
                    .filter(Objects::nonNull)
                    .toList();
            assertThat(failures).singleElement().satisfies((error) -> {
                assertDeadlockError(error);
                assertThat(this.db.failures().describe(error)).startsWith("deadlock");
            });
            first.rollback();
            second.rollback();
        }
    }

    @Test
    void shouldRetryDeadlockForcedInsideTheCallbackToSuccess() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> seen = new CopyOnWriteArrayList<>();
        AtomicReference<CompletableFuture<Void>> other = new AtomicReference<>();
        try (Connection holder = this.db.rawConnection(heavyHolderSettings())) {
            RowLockDatabase.lockAccount(holder, 3);
            makeHeavy(holder);
            long holderSession = sessionId(holder);
            long balance = this.rowLocks.execute(List.of(account(1)), (status) -> {
                if (attempts.incrementAndGet() == 1) {
                    // the holder of row 3 now waits for row 1, which this unit holds; then this unit asks for row 3
                    other.set(CompletableFuture.runAsync(() -> {
                        lockOrFail(holder, 1);
                        rollback(holder);
                    }));
                    await("the holder of row 3 waiting for row 1")
                            .atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(10))
                            .until(() -> waitsForRowLock(holderSession));
                    try {
                        this.db.jdbcTemplate.queryForObject(
                                "SELECT balance FROM hf_rows_account WHERE id = 3 FOR UPDATE", Long.class);
                    } catch (RuntimeException ex) {
                        seen.add(ex);
                        throw ex;
                    }
                }
                EntityManager em = entityManager();
                Account account = em.find(Account.class, 1L);
                account.setBalance(account.getBalance() + 1);
                return account.getBalance();
            });
            other.get().join();
            assertThat(balance).isEqualTo(1001);
        }
        assertThat(attempts).hasValue(2);
        assertThat(seen)
                .singleElement()
                .satisfies((ex) -> assertThat(this.db.failures().describe(ex)).startsWith("deadlock"));
        assertThat(this.db.balance(1)).isEqualTo(1001);
    }

    private static void makeHeavy(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int i = 1; i <= 20; i++) {
                statement.executeUpdate("INSERT INTO hf_rows_scratch (id, note) VALUES (" + i + ", 'weight')");
            }
        }
    }

    private static SQLException lockOrFail(Connection connection, long id) {
        try {
            RowLockDatabase.lockAccount(connection, id);
            return null;
        } catch (SQLException ex) {
            rollback(connection);
            return ex;
        }
    }
}

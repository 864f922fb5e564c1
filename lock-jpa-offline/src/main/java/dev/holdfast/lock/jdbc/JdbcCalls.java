package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.DatabaseRetry;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Runs store operations on a connection of their own, taken from the data source directly (never one bound to the
 * caller's transaction), in autocommit, so each statement is its own transaction: one round trip. Deadlocks and locks
 * not acquired, as the database's {@link DatabaseFailures} classify them, are retried a few times with exponential
 * backoff and jitter, never once the thread is interrupted; every other database failure becomes a
 * {@link LockStoreException} naming the lock. Thread-safe.
 */
final class JdbcCalls {

    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;

    private final LockTablePlatform platform;

    private final DatabaseRetry retry;

    JdbcCalls(DataSource dataSource, LockTablePlatform platform, DatabaseFailures failures) {
        this.dataSource = dataSource;
        this.platform = platform;
        this.retry = DatabaseRetry.doubling(
                MAX_ATTEMPTS,
                Duration.ofMillis(10),
                Duration.ofMillis(200),
                (failure) -> failure instanceof SQLException && failures.isRetryable(failure));
    }

    <T> T call(String operation, LockKey key, Work<T> work) {
        return this.retry.execute("lock [" + key + "] " + operation, () -> run(work), (failure) -> {
            if (!(failure.last() instanceof SQLException ex)) {
                return failure.rethrow();
            }
            if (!failure.retryable()) {
                return new LockStoreException(
                        "Lock [" + key + "] " + operation + " failed in the " + this.platform.id() + " lock store", ex);
            }
            return new LockStoreException(
                    "Lock [" + key + "] " + operation + " failed after " + failure.attemptsMade()
                            + ": database lock contention",
                    ex);
        });
    }

    <T> T run(Work<T> work) throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.apply(connection);
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        }
    }

    /**
     * Run work in one short READ COMMITTED transaction on an autocommit connection, for the few operations that take
     * more than one statement (H2, and the rare paths of MySQL/MariaDB).
     */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        int isolation = connection.getTransactionIsolation();
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        connection.setAutoCommit(false);
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException ex) {
            connection.rollback();
            throw ex;
        } finally {
            connection.setAutoCommit(true);
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /** Prepare a statement and bind its parameters in order. */
    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException ex) {
            statement.close();
            throw ex;
        }
    }

    /** Bind parameters in order. */
    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** Execute an update statement and return its row count. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Execute a statement that counts what it changed: an update's row count, or the first column of the first row of
     * a statement that returns one (PostgreSQL's data-modifying {@code WITH … SELECT COUNT(*)}).
     */
    static int count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            if (!statement.execute()) {
                return statement.getUpdateCount();
            }
            try (ResultSet rs = statement.getResultSet()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {

        T apply(Connection connection) throws SQLException;
    }
}

package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jpa.rows.LockFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Runs store operations on a connection of their own, taken from the data source directly (never one bound to the
 * caller's transaction), in autocommit, so each statement is its own transaction: one round trip. Deadlocks and
 * lock-wait timeouts are retried a few times with backoff and jitter; every other failure becomes a
 * {@link LockStoreException} naming the lock. Thread-safe.
 */
final class JdbcCalls {

    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;

    private final DatabasePlatform platform;

    JdbcCalls(DataSource dataSource, DatabasePlatform platform) {
        this.dataSource = dataSource;
        this.platform = platform;
    }

    <T> T call(String operation, LockKey key, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return run(work);
            } catch (SQLException ex) {
                if (!LockFailures.isRetryable(ex)) {
                    throw new LockStoreException(
                            "Lock [" + key + "] " + operation + " failed in the " + this.platform.id() + " lock store",
                            ex);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LockStoreException(
                            "Lock [" + key + "] " + operation + " failed after " + attempt
                                    + " attempts: database lock contention",
                            ex);
                }
                LockSupport.parkNanos(Duration.ofMillis(
                                ThreadLocalRandom.current().nextLong(2, 10L << Math.min(attempt, 5)))
                        .toNanos());
            }
        }
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
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException ex) {
            statement.close();
            throw ex;
        }
    }

    /** Execute an update statement and return its row count. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {

        T apply(Connection connection) throws SQLException;
    }
}

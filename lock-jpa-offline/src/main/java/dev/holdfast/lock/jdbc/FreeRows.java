package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lock table's state bounded: deletes rows that have been free, or expired, for longer than a retention (on a
 * daemon thread, once per retention), with the semaphore tables' expired grants, dead queue places and idle read/write
 * locks ({@link JdbcSemaphores#deleteIdle}) and the mailboxes' expired results ({@link JdbcMailboxes#deleteExpired}),
 * and starts the token sequence above the tokens of a table from before it.
 * A deleted key's next grant takes its token from the sequence, so tokens keep growing.
 */
final class FreeRows implements AutoCloseable {

    /** The most rows one statement deletes. */
    static final int BATCH = 1000;

    private static final Logger logger = LoggerFactory.getLogger(FreeRows.class);

    private final JdbcCalls calls;

    private final SqlStatements sql;

    private final LockTablePlatform platform;

    private final JdbcSemaphores semaphores;

    private final JdbcMailboxes mailboxes;

    private final Duration retention;

    private final @Nullable ScheduledExecutorService sweeper;

    FreeRows(
            JdbcCalls calls,
            SqlStatements sql,
            LockTablePlatform platform,
            JdbcSemaphores semaphores,
            JdbcMailboxes mailboxes,
            Duration retention) {
        this.calls = calls;
        this.sql = sql;
        this.platform = platform;
        this.semaphores = semaphores;
        this.mailboxes = mailboxes;
        this.retention = retention;
        if (retention.isNegative()) {
            this.sweeper = null;
            return;
        }
        this.sweeper = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "holdfast-jdbc-free-rows");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1000, retention.toMillis());
        this.sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Delete every lock row free, or expired, for longer than the retention, and the semaphore grants expired and queue
     * places dead for as long, with the read/write locks nobody holds or waits for and the expired mailbox results.
     *
     * @return how many rows were deleted
     * @throws SQLException when the database fails
     */
    int delete() throws SQLException {
        int deleted = 0;
        long millis = Math.max(0, this.retention.toMillis());
        while (true) {
            int rows = this.calls.run(
                    (connection) -> JdbcCalls.update(connection, this.sql.get("delete-free"), millis, millis, BATCH));
            deleted += rows;
            if (rows < BATCH) {
                return deleted + this.semaphores.deleteIdle(millis, BATCH) + this.mailboxes.deleteExpired(BATCH);
            }
        }
    }

    /** Start the token sequence above every token of the table, best effort (the table may not exist yet). */
    void alignTokenSequence() {
        try {
            this.calls.run((connection) -> {
                align(connection);
                return null;
            });
        } catch (SQLException | RuntimeException ex) {
            logger.debug("Holdfast could not align the lock table's token sequence (yet)", ex);
        }
    }

    private void align(Connection connection) throws SQLException {
        switch (this.platform) {
            case POSTGRESQL -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(this.sql.get("align-token-sequence"));
                }
            }
            case MYSQL -> {
                long top = single(connection, this.sql.get("max-token"));
                if (top > 0) {
                    try (PreparedStatement statement =
                            JdbcCalls.prepare(connection, this.sql.get("align-token-sequence"), top)) {
                        statement.execute();
                    }
                }
            }
            case H2 -> {
                long top = single(connection, this.sql.get("max-token"));
                if (top >= single(connection, this.sql.get("sequence-value"))) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("ALTER SEQUENCE holdfast_lock_token RESTART WITH " + (top + 1));
                    }
                }
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void sweep() {
        try {
            int deleted = delete();
            if (deleted > 0) {
                logger.debug("Holdfast deleted {} free lock rows", deleted);
            }
        } catch (SQLException | RuntimeException ex) {
            logger.warn("Holdfast could not delete free rows from the lock table", ex);
        }
    }

    @Override
    public void close() {
        if (this.sweeper != null) {
            this.sweeper.shutdownNow();
        }
    }
}

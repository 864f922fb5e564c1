package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.WaiterCalls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * A {@link LockStore} on the {@code holdfast_lock} table of PostgreSQL, MySQL/MariaDB or H2, with platform SQL from
 * {@code lock-store-<platform>.sql}.
 *
 * <p>Every operation takes a connection of its own from the data source (never the caller's transactional one) and
 * runs in autocommit, so a caller's rollback undoes neither an acquire nor a release, and a statement is one round
 * trip and one transaction. Expiry is always compared with the database clock. On PostgreSQL every operation is one
 * statement: acquire is an {@code INSERT … ON CONFLICT DO UPDATE} that grants, re-enters or reports the holder (or,
 * for claims and preemption, a data-modifying CTE that also reports the displaced holder); release, renew and expire
 * are single {@code UPDATE}s that check owner and token, and the watchdog's {@link #renewAll batch} is one
 * {@code UPDATE … FROM UNNEST(…)} per 500 leases. Releases, expires
 * and refused acquires commit asynchronously there (a crash can only undo a release, leaving the lock held until its
 * lease runs out); grants and renewals commit synchronously. On MariaDB a plain lock request is one
 * {@code INSERT … ON DUPLICATE KEY UPDATE … RETURNING} and a release one {@code UPDATE}; create, claim and preemption
 * use a short transaction, as H2 does for every acquire; the watchdog's batch is one JDBC batch of renewals there, as
 * on H2. Racing acquirers queue on the row lock, so exactly one is
 * granted and the others are refused cleanly. Fencing tokens come from one sequence ({@code holdfast_lock_token}), so
 * they grow across keys, release, expiry, restart and failover; a free row stays for a short retention (a key used
 * again soon reuses it) and is then deleted by a background sweep, with expired ones, so the table holds little more
 * than the live locks. On PostgreSQL (with its driver on the class path) waiters are woken by {@code LISTEN/NOTIFY}:
 * a refused request flags the row, and the statement that frees a flagged lock notifies; one pooled connection
 * listens while anyone waits. On other databases waiters poll with backoff and jitter (the default
 * {@link LockStore#watch(AcquireCommand)}). Database failures become {@link LockStoreException}; a deadlock or lock
 * timeout reported by the database is retried a few times first, unless the calling thread is interrupted.
 * Thread-safe; {@link #close()} stops listening.
 */
public class JdbcLockStore implements LockStore, AutoCloseable {

    private static final String TABLE = "holdfast_lock";

    private static final int MAX_CREATE_RACES = 4;

    /** How often a waiter woken by notification asks anyway, in case a notification was lost. */
    private static final Duration NOTIFIED_RECHECK = Duration.ofSeconds(2);

    /** How long a free or expired row stays in the table before it is deleted, unless told otherwise. */
    public static final Duration DEFAULT_FREE_ROW_RETENTION = Duration.ofMinutes(1);

    private final LockTablePlatform platform;

    private final SqlStatements sql;

    private final JdbcCalls calls;

    private final StoreOperations operations;

    private final BatchRenewal renewals;

    private final FreeRows freeRows;

    private final @Nullable PostgresNotifications notifications;

    private final WaiterCalls waiterCalls = this::acquire;

    /**
     * Create a store over a data source, waking waiters by LISTEN/NOTIFY on PostgreSQL.
     *
     * @param dataSource the database holding the {@code holdfast_lock} table
     */
    public JdbcLockStore(DataSource dataSource) {
        this(dataSource, true);
    }

    /**
     * Create a store over a data source.
     *
     * @param dataSource the database holding the {@code holdfast_lock} table
     * @param listen whether to wake waiters by LISTEN/NOTIFY on PostgreSQL ({@code false} behind a
     *     transaction-pooling proxy, where notifications do not arrive; waiters then poll)
     */
    public JdbcLockStore(DataSource dataSource, boolean listen) {
        this(dataSource, listen, DEFAULT_FREE_ROW_RETENTION);
    }

    /**
     * Create a store that deletes free and expired rows after a retention of your choice.
     *
     * @param dataSource the database holding the {@code holdfast_lock} table
     * @param listen whether to wake waiters by LISTEN/NOTIFY on PostgreSQL
     * @param freeRowRetention how long a free or expired row stays before a background sweep (once per retention, at
     *     least once a second) deletes it; negative to never delete them
     */
    public JdbcLockStore(DataSource dataSource, boolean listen, Duration freeRowRetention) {
        this(dataSource, listen, NOTIFIED_RECHECK, freeRowRetention);
    }

    /**
     * Create a store whose notified waiters also re-check at another interval (tests).
     *
     * @param dataSource the database holding the {@code holdfast_lock} table
     * @param listen whether to wake waiters by LISTEN/NOTIFY on PostgreSQL
     * @param recheck the longest a notified waiter waits before asking again
     * @param freeRowRetention how long a free or expired row stays before it is deleted; negative for never
     */
    JdbcLockStore(DataSource dataSource, boolean listen, Duration recheck, Duration freeRowRetention) {
        Database database = Database.of(dataSource);
        this.platform = LockTablePlatform.of(database);
        this.sql = this.platform.statements("dev/holdfast/lock/jdbc/lock-store");
        this.calls = new JdbcCalls(dataSource, this.platform, database.failures());
        this.notifications =
                (listen && this.platform == LockTablePlatform.POSTGRESQL && PostgresNotifications.available())
                        ? new PostgresNotifications(dataSource, recheck)
                        : null;
        this.operations = switch (this.platform) {
            case POSTGRESQL -> new PostgresOperations(this.sql);
            case MYSQL ->
                new MysqlOperations(this.sql, database.failures(), database.driver() == DatabaseDriver.MARIADB);
            case H2 -> new H2Operations(this.sql, database.failures());
        };
        this.renewals = new BatchRenewal(this.sql);
        this.freeRows = new FreeRows(this.calls, this.sql, this.platform, freeRowRetention);
        this.freeRows.alignTokenSequence();
    }

    /**
     * Delete the rows that have been free, or expired, for longer than the retention now, rather than at the next
     * background sweep.
     *
     * @return how many rows were deleted
     * @throws LockStoreException when the database fails
     */
    public int deleteFreeRows() {
        try {
            return this.freeRows.delete();
        } catch (SQLException ex) {
            throw new LockStoreException(
                    "Free rows of the " + this.platform.id() + " lock table could not be deleted", ex);
        }
    }

    /**
     * Check that the lock table exists.
     *
     * @throws LockTableMissingException when it does not
     */
    public void verifyTable() {
        try {
            this.calls.run((connection) -> {
                try (PreparedStatement statement = connection.prepareStatement(this.sql.get("check-table"));
                        ResultSet rs = statement.executeQuery()) {
                    return rs.next();
                }
            });
        } catch (SQLException ex) {
            throw new LockTableMissingException(TABLE, this.platform.id(), ex);
        }
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        return acquire(command, this.notifications != null && this.notifications.waiting(command.key()) > 0);
    }

    private AcquireOutcome acquire(AcquireCommand command, boolean othersWait) {
        return this.calls.call("acquire", command.key(), (connection) -> {
            for (int attempt = 1; ; attempt++) {
                AcquireOutcome outcome = this.operations.acquire(connection, command, othersWait);
                if (outcome != null) {
                    return outcome;
                }
                if (attempt >= MAX_CREATE_RACES) {
                    throw new LockStoreException("Lock [" + command.key() + "] acquire lost " + attempt
                            + " races to create its row in the " + this.platform.id() + " lock store");
                }
            }
        });
    }

    @Override
    public boolean renew(RenewCommand command) {
        LockKey key = command.key();
        return this.calls.call(
                "renew",
                key,
                (connection) -> JdbcCalls.update(
                                connection,
                                this.sql.get("renew"),
                                LockStore.leaseMillis(command.lease()),
                                key.namespace(),
                                key.id(),
                                command.owner(),
                                command.token(),
                                command.token())
                        > 0);
    }

    /**
     * Renew a tick's leases on one connection: one statement per 500 leases on PostgreSQL, one
     * JDBC batch per as many on MySQL/MariaDB and H2.
     *
     * @param commands the leases to renew
     * @return the commands whose owner (and token) no longer hold a live lock
     */
    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<RenewCommand> all = List.copyOf(commands);
        String operation = (all.size() == 1) ? "renew" : "renew (with " + (all.size() - 1) + " other leases)";
        return this.calls.call(operation, all.get(0).key(), (connection) -> this.renewals.renewAll(connection, all));
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        return this.calls.call("release", key, (connection) -> this.operations.release(connection, key, owner, token));
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        return this.calls.call("expire", key, (connection) -> {
            int updated = (owner != null)
                    ? JdbcCalls.update(connection, this.sql.get("expire-owner"), key.namespace(), key.id(), owner)
                    : JdbcCalls.update(connection, this.sql.get("expire-any"), key.namespace(), key.id());
            return updated > 0;
        });
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        LockWatch notified = (this.notifications != null) ? this.notifications.watch(command, this.waiterCalls) : null;
        return (notified != null) ? notified : LockStore.super.watch(command);
    }

    /** Stop listening for releases (PostgreSQL); waiters still waiting poll. */
    @Override
    public void close() {
        this.freeRows.close();
        if (this.notifications != null) {
            this.notifications.close();
        }
    }

    /**
     * Return whether waiters are woken by notification (PostgreSQL with listening on) rather than by polling.
     *
     * @return {@code true} when waiters are notified
     */
    public boolean notifiesWaiters() {
        return this.notifications != null;
    }

    /** Return the PostgreSQL notifications, for tests; {@code null} on other databases. */
    @Nullable
    PostgresNotifications notifications() {
        return this.notifications;
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return this.calls.call("inspect", key, (connection) -> {
            List<LockState> states = query(connection, this.sql.get("inspect"), key.namespace(), key.id());
            return states.stream().findFirst();
        });
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            return this.calls.run((connection) -> (namespace != null)
                    ? query(connection, this.sql.get("list-namespace"), namespace, limit)
                    : query(connection, this.sql.get("list"), limit));
        } catch (SQLException ex) {
            throw new LockStoreException(
                    "Listing locks in namespace [" + namespace + "] failed in the " + this.platform.id()
                            + " lock store",
                    ex);
        }
    }

    private static List<LockState> query(Connection connection, String sql, Object... parameters) throws SQLException {
        List<LockState> states = new ArrayList<>();
        try (PreparedStatement statement = JdbcCalls.prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                states.add(LockStateRows.state(rs));
            }
        }
        return states;
    }
}

package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.DelegatingMailboxStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWaiterCalls;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import dev.holdfast.lock.spi.WaiterCalls;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockStore} on the {@code holdfast_lock} table of PostgreSQL, MySQL/MariaDB or H2, with platform SQL from
 * {@code lock-store-<platform>.sql}, and a {@link SemaphoreStore} on the {@code holdfast_semaphore} tables beside it
 * ({@link JdbcSemaphores}: each acquire, create, resize and delete one short transaction that locks the key's
 * semaphore row first; a release and a renewal one statement), and a {@link MailboxStore} on the
 * {@code holdfast_mailbox} tables ({@link JdbcMailboxes}: each step of a mailbox's runner one short transaction fenced
 * by the mailbox lock's row, results expiring by the database clock and deleted by the same background sweep).
 *
 * <p>Every operation takes a connection of its own from the data source (never the caller's transactional one) and
 * runs in autocommit (or in the short transaction of its own named above), so a caller's rollback undoes neither an
 * acquire nor a release, and a statement is one round trip and one transaction. Expiry is always compared with the database clock. On PostgreSQL every operation is one
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
 * a refused request flags the row, and the statement that frees a flagged lock notifies (a semaphore's release,
 * a refused waiter leaving its queue place, resize or delete wakes all its waiters, since several may fit); one pooled connection listens while anyone waits. On other databases waiters poll with backoff and jitter (the default
 * {@link LockStore#watch(AcquireCommand)}). Database failures become {@link LockStoreException}; a deadlock or lock
 * timeout reported by the database is retried a few times first, unless the calling thread is interrupted.
 * Thread-safe; {@link #close()} stops listening.
 */
public class JdbcLockStore implements LockStore, SemaphoreStore, DelegatingMailboxStore, AutoCloseable {

    private static final String TABLE = "holdfast_lock";

    /** How often a waiter woken by notification asks anyway, in case a notification was lost. */
    private static final Duration NOTIFIED_RECHECK = Duration.ofSeconds(2);

    /** How long a free or expired row stays in the table before it is deleted, unless told otherwise. */
    public static final Duration DEFAULT_FREE_ROW_RETENTION = Duration.ofMinutes(1);

    private final LockTablePlatform platform;

    private final JdbcLocks locks;

    private final JdbcSemaphores semaphores;

    private final JdbcMailboxes mailboxes;

    private final FreeRows freeRows;

    private final @Nullable PostgresNotifications notifications;

    private final WaiterCalls waiterCalls;

    private final PermitWaiterCalls permitCalls;

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
        SqlStatements sql = this.platform.statements("dev/holdfast/lock/jdbc/lock-store");
        JdbcCalls calls = new JdbcCalls(dataSource, this.platform, database.failures());
        this.notifications =
                (listen && this.platform == LockTablePlatform.POSTGRESQL && PostgresNotifications.available())
                        ? new PostgresNotifications(dataSource, recheck)
                        : null;
        this.locks = new JdbcLocks(calls, this.platform, sql, database);
        this.semaphores = new JdbcSemaphores(calls, this.platform, database.failures(), this.notifications != null);
        this.waiterCalls = this.locks::acquire;
        this.permitCalls = this.semaphores::acquire;
        this.mailboxes = new JdbcMailboxes(calls, this.platform, this.locks::inspect, this.notifications);
        this.freeRows = new FreeRows(calls, sql, this.platform, this.semaphores, this.mailboxes, freeRowRetention);
        this.freeRows.alignTokenSequence();
    }

    /**
     * Delete the rows that have been free, or expired, for longer than the retention now, rather than at the next
     * background sweep: lock rows, expired semaphore grants, dead queue places, idle read/write locks and expired
     * mailbox results.
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
     * Check that the lock table, the semaphore tables and the mailbox tables exist.
     *
     * @throws LockTableMissingException when one does not, or lacks a column
     */
    public void verifyTable() {
        try {
            this.locks.verifyTable();
        } catch (SQLException ex) {
            throw new LockTableMissingException(TABLE, this.platform.id(), ex);
        }
        this.semaphores.verifyTables();
        this.mailboxes.verifyTables();
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        return this.locks.acquire(command, this.notifications != null && this.notifications.waiting(command.key()) > 0);
    }

    @Override
    public boolean renew(RenewCommand command) {
        return this.locks.renew(command);
    }

    /** Renew a tick's leases on one connection: one statement per 500 on PostgreSQL, else one JDBC batch. */
    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        return this.locks.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        ReleaseOutcome outcome = this.locks.release(key, owner, token);
        this.mailboxes.released(key);
        return outcome;
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        boolean expired = this.locks.expire(key, owner);
        this.mailboxes.released(key);
        return expired;
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        LockWatch notified = (this.notifications != null) ? this.notifications.watch(command, this.waiterCalls) : null;
        return (notified != null) ? notified : LockStore.super.watch(command);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return this.locks.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        return this.locks.list(namespace, limit);
    }

    @Override
    public boolean createSemaphore(LockKey key, int size, boolean fair) {
        return this.semaphores.create(key, size, fair);
    }

    @Override
    public Optional<SemaphoreState> resizeSemaphore(LockKey key, int size) {
        return this.semaphores.resize(key, size);
    }

    @Override
    public SemaphoreDeletion deleteSemaphore(LockKey key, boolean force) {
        return this.semaphores.delete(key, force);
    }

    @Override
    public PermitOutcome acquirePermits(PermitCommand command) {
        return this.semaphores.acquire(
                command, this.notifications != null && this.notifications.waitingPermits(command.key()) > 0);
    }

    /** Renew a grant; a token identifies one grant of either kind, so the kind is not checked. */
    @Override
    public boolean renewPermits(SemaphoreKind kind, RenewCommand command) {
        return this.semaphores.renew(command);
    }

    @Override
    public List<RenewCommand> renewAllPermits(SemaphoreKind kind, Collection<RenewCommand> commands) {
        return this.semaphores.renewAll(commands);
    }

    /** Release a grant; a token identifies one grant of either kind, so the kind is not checked. */
    @Override
    public ReleaseOutcome releasePermits(SemaphoreKind kind, LockKey key, String owner, long token) {
        return this.semaphores.release(key, owner, token);
    }

    /** Leave the queue; a key has one kind at a time, so the kind is not checked. */
    @Override
    public boolean leaveQueue(SemaphoreKind kind, LockKey key, String owner) {
        return this.semaphores.leave(key, owner);
    }

    @Override
    public Optional<SemaphoreState> inspectSemaphore(SemaphoreKind kind, LockKey key) {
        return this.semaphores.inspect(kind, key);
    }

    @Override
    public List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit) {
        return this.semaphores.list(namespace, limit);
    }

    @Override
    public PermitWatch watchPermits(PermitCommand command) {
        PermitWatch notified =
                (this.notifications != null) ? this.notifications.watchPermits(command, this.permitCalls) : null;
        return (notified != null) ? notified : SemaphoreStore.super.watchPermits(command);
    }

    /** Watch a mailbox: woken by NOTIFY on PostgreSQL with listening on, else polling with backoff. */

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

    /**
     * Return the part of this store that keeps mailboxes; the store's {@link MailboxStore} operations are its.
     *
     * @return the mailbox part
     */
    @Override
    public MailboxStore mailboxStore() {
        return this.mailboxes;
    }
}

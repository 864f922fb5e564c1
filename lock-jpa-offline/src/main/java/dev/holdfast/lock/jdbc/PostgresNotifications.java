package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jdbc.internal.DatabaseRetry;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxWatch;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitWaiterCalls;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.WaiterCalls;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;

/**
 * PostgreSQL wake-ups for the waiters of a {@link JdbcLockStore}: one connection, taken from the store's data source
 * while someone waits, runs {@code LISTEN holdfast_lock}; the release or expire statement that frees a lock a
 * request was refused on sends {@code pg_notify} with the lock's key, and this tells the store's
 * {@link WaiterRegistry}, which wakes the longest waiting watch of that lock (a grant made while others of this store
 * wait keeps the row flagged, so its release wakes the next). A semaphore's payload (an {@code s} before the key)
 * wakes every waiter of the semaphore; a mailbox's (an {@code m} before its lock's key, sent when a result is written)
 * and the release of a mailbox's lock wake every caller waiting on the mailbox.
 *
 * <p>{@code LISTEN} has run before a watch is handed out, so the waiter's re-check after opening it cannot miss a
 * release. The connection goes back to the pool after {@link #IDLE} without watches. When it cannot be opened or
 * fails, waiters poll with backoff, as on databases without notifications, until a later watch listens again.
 * Thread-safe.
 */
final class PostgresNotifications implements AutoCloseable {

    /** The channel the store's statements notify. */
    static final String CHANNEL = "holdfast_lock";

    /** How long the listening connection is kept without watches before it goes back to the pool. */
    static final Duration IDLE = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(PostgresNotifications.class);

    private static final int POLL_MILLIS = 500;

    /** Opening the listening connection: a second try at once, in case the pool handed out one that died unseen. */
    private static final DatabaseRetry OPEN = DatabaseRetry.of(
            RetryPolicy.builder().maxRetries(1).delay(Duration.ZERO),
            (failure) -> failure instanceof SQLException || failure instanceof RuntimeException);

    private final DataSource dataSource;

    private final WaiterRegistry waiters;

    private final Object lifecycle = new Object();

    private @Nullable Listener listener;

    private boolean closed;

    PostgresNotifications(DataSource dataSource, Duration recheck) {
        this.dataSource = dataSource;
        this.waiters = new WaiterRegistry(recheck, this::listening);
    }

    /** Return whether the PostgreSQL driver is on the class path. */
    static boolean available() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresNotifications.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /**
     * Open a watch for a waiter, listening first if needed.
     *
     * @param command the waiter's refused command
     * @param calls how the watch asks the store
     * @return a watch woken by the lock's release, or {@code null} when nobody can listen (the waiter polls)
     */
    @Nullable
    LockWatch watch(AcquireCommand command, WaiterCalls calls) {
        LockWatch watch = this.waiters.watch(NotificationPayload.of(command.key()), command, calls);
        if (ensureListening() == null) {
            watch.close();
            return null;
        }
        return watch;
    }

    /** Open a watch for a waiter on permits, as {@link #watch}; the semaphore's notification wakes all its waiters. */
    @Nullable
    PermitWatch watchPermits(PermitCommand command, PermitWaiterCalls calls) {
        PermitWatch watch = this.waiters.watchPermits(NotificationPayload.ofSemaphore(command.key()), command, calls);
        if (ensureListening() == null) {
            watch.close();
            return null;
        }
        return watch;
    }

    /**
     * Open a watch for a caller of a mailbox, listening first if needed: woken by its own call's result and, one
     * caller at a time, by the releases of the mailbox's lock.
     *
     * @param mailboxLock the mailbox's lock
     * @param callId the caller's call id, or {@code null} for a drain
     * @param probe how the watch looks at the store
     * @return the watch, or {@code null} when nobody can listen (the caller polls)
     */
    @Nullable
    MailboxWatch watchMailbox(LockKey mailboxLock, @Nullable String callId, Supplier<MailboxProbe> probe) {
        MailboxWatch watch = this.waiters.watchMailbox(NotificationPayload.ofMailbox(mailboxLock), callId, probe);
        if (ensureListening() == null) {
            watch.close();
            return null;
        }
        return watch;
    }

    /** Return how many of this store's waiters wait for a semaphore's or read/write lock's permits. */
    int waitingPermits(LockKey key) {
        return this.waiters.waiting(NotificationPayload.ofSemaphore(key));
    }

    /**
     * Return how many of this store's waiters wait for a lock.
     *
     * @param key the lock
     * @return the open watches on it
     */
    int waiting(LockKey key) {
        return this.waiters.waiting(NotificationPayload.of(key));
    }

    /** Return whether a connection is listening, for tests. */
    boolean listening() {
        synchronized (this.lifecycle) {
            return this.listener != null && this.listener.running;
        }
    }

    @Override
    public void close() {
        Listener current;
        synchronized (this.lifecycle) {
            this.closed = true;
            current = this.listener;
            this.listener = null;
        }
        if (current != null) {
            current.stop();
        }
    }

    private @Nullable Listener ensureListening() {
        synchronized (this.lifecycle) {
            if (this.closed) {
                return null;
            }
            if (this.listener != null && this.listener.running) {
                return this.listener;
            }
            this.listener = null;
            try {
                this.listener = OPEN.execute(
                        "PostgreSQL LISTEN connection",
                        () -> new Listener(this.dataSource.getConnection()),
                        (failure) -> (failure.last() instanceof Error)
                                ? failure.rethrow()
                                : new LockStoreException(
                                        "PostgreSQL LISTEN connection not opened after " + failure.attemptsMade(),
                                        failure.last()));
                return this.listener;
            } catch (RuntimeException ex) {
                logger.warn("Holdfast could not LISTEN for lock releases on PostgreSQL; waiters poll", ex);
                return null;
            }
        }
    }

    private void dispatch(String payload) {
        NotificationPayload.Result result = NotificationPayload.parseResult(payload);
        if (result != null) {
            this.waiters.resultWritten(result.mailbox(), result.callId());
            return;
        }
        LockKey key = NotificationPayload.parse(payload);
        if (key == null) {
            return;
        }
        if (NotificationPayload.isSemaphore(payload)) {
            this.waiters.releasedAll(NotificationPayload.ofSemaphore(key));
        } else if (NotificationPayload.isMailbox(payload)) {
            this.waiters.releasedAll(NotificationPayload.ofMailbox(key));
        } else {
            this.waiters.released(NotificationPayload.of(key));
            // A mailbox's lock: one of its callers takes it over.
            this.waiters.released(NotificationPayload.ofMailbox(key));
        }
    }

    /** Decide, with watches opening, whether a listener without watches for {@link #IDLE} stops. */
    private boolean idle(Listener candidate, long idleSince) {
        synchronized (this.lifecycle) {
            if (this.listener != candidate) {
                return true;
            }
            if (this.waiters.isEmpty() && System.nanoTime() - idleSince >= IDLE.toNanos()) {
                this.listener = null;
                return true;
            }
            return false;
        }
    }

    private void ended(Listener candidate) {
        synchronized (this.lifecycle) {
            if (this.listener == candidate) {
                this.listener = null;
            }
        }
    }

    /** One listening connection and the daemon thread that reads its notifications. */
    private final class Listener implements Runnable {

        private final Connection connection;

        private final PGConnection notifications;

        private final Thread thread;

        volatile boolean running = true;

        Listener(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.notifications = connection.unwrap(PGConnection.class);
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
            } catch (SQLException | RuntimeException ex) {
                connection.close();
                throw ex;
            }
            this.thread = new Thread(this, "holdfast-postgres-listener");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            try {
                while (this.running) {
                    PGNotification[] received = this.notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            if (CHANNEL.equals(notification.getName())) {
                                dispatch(notification.getParameter());
                            }
                        }
                    }
                    if (!PostgresNotifications.this.waiters.isEmpty()) {
                        idleSince = System.nanoTime();
                    } else if (idle(this, idleSince)) {
                        break;
                    }
                }
            } catch (SQLException | RuntimeException ex) {
                if (this.running) {
                    logger.warn("Holdfast's PostgreSQL LISTEN connection failed; waiters poll until it reopens", ex);
                    showPoolTheFailure();
                }
            } finally {
                this.running = false;
                ended(this);
                close();
                // Woken waiters re-check at once and, seeing nobody listens, poll.
                PostgresNotifications.this.waiters.wakeAll();
            }
        }

        void stop() {
            this.running = false;
            try {
                this.thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * The failure came through the driver's own interface, past the pool's wrapper: run a statement through the
         * wrapper, so that a pool which evicts broken connections (HikariCP does) sees the same failure.
         */
        private void showPoolTheFailure() {
            try (Statement statement = this.connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException | RuntimeException ex) {
                logger.debug("Holdfast's PostgreSQL LISTEN connection is broken", ex);
            }
        }

        private void close() {
            // The connection goes back to the pool: stop listening, or it would collect every later notification.
            try (Statement statement = this.connection.createStatement()) {
                statement.execute("UNLISTEN *");
            } catch (SQLException | RuntimeException ex) {
                logger.debug("Holdfast could not UNLISTEN on its PostgreSQL LISTEN connection", ex);
            }
            try {
                this.connection.close();
            } catch (SQLException | RuntimeException ex) {
                logger.debug("Holdfast could not close its PostgreSQL LISTEN connection", ex);
            }
        }
    }
}

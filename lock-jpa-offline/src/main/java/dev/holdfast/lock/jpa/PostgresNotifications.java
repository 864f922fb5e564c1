package dev.holdfast.lock.jpa;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.PollingLockWatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL wake-ups for the waiters of a {@link JdbcLockStore}: one connection, taken from the store's data source
 * while someone waits, runs {@code LISTEN holdfast_lock}; the release or expire statement that frees a lock a
 * request was refused on sends {@code pg_notify} with the lock's key, and this wakes that lock's watches.
 *
 * <p>A notification wakes one waiter of the lock, the longest waiting; a grant made while others of this store wait
 * keeps the row flagged, so its release wakes the next. {@code LISTEN} has run before a watch is handed out, so the waiter's re-check after opening it cannot miss a
 * release. Each wait is still capped by a re-check interval. The connection goes back to the pool after
 * {@link #IDLE} without watches. When it cannot be opened or fails, open watches are woken and poll with backoff, as
 * on databases without notifications, until a later watch listens again. Thread-safe.
 */
final class PostgresNotifications implements AutoCloseable {

    /** The channel the store's statements notify. */
    static final String CHANNEL = "holdfast_lock";

    /** How long the listening connection is kept without watches before it goes back to the pool. */
    static final Duration IDLE = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(PostgresNotifications.class);

    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;

    private final Duration recheck;

    private final Map<LockKey, Queue<NotifiedWatch>> watches = new ConcurrentHashMap<>();

    private final Object lifecycle = new Object();

    private @Nullable Listener listener;

    private boolean closed;

    PostgresNotifications(DataSource dataSource, Duration recheck) {
        this.dataSource = dataSource;
        this.recheck = recheck;
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
     * Open a watch on a lock for the current thread, listening first if needed.
     *
     * @param key the lock
     * @return a watch woken by the lock's release, or a polling watch when nobody listens
     */
    LockWatch watch(LockKey key) {
        NotifiedWatch watch = new NotifiedWatch(key);
        this.watches.computeIfAbsent(key, (k) -> new ConcurrentLinkedQueue<>()).add(watch);
        Listener current = ensureListening();
        if (current == null) {
            watch.close();
            return polling();
        }
        watch.listener = current;
        return watch;
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
            // A second try, in case the pool handed out a connection that died unseen.
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    this.listener = new Listener(this.dataSource.getConnection());
                    return this.listener;
                } catch (SQLException | RuntimeException ex) {
                    if (attempt == 2) {
                        logger.warn("Holdfast could not LISTEN for lock releases on PostgreSQL; waiters poll", ex);
                    }
                }
            }
            return null;
        }
    }

    /**
     * Return whether waiters other than the current thread wait for a lock here: a grant then keeps the row flagged,
     * so that its release wakes the next of them.
     *
     * @param key the lock
     * @return {@code true} when another thread's watch is open on it
     */
    boolean othersWaiting(LockKey key) {
        Queue<NotifiedWatch> waiting = this.watches.get(key);
        if (waiting != null) {
            for (NotifiedWatch watch : waiting) {
                if (watch.waiter != Thread.currentThread()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void dispatch(String payload) {
        LockKey key = parse(payload);
        if (key != null) {
            wakeOne(this.watches.get(key));
        }
    }

    /** Wake the longest waiting watch of a lock: one notification, one waiter asking, not all of them. */
    private static void wakeOne(@Nullable Queue<NotifiedWatch> waiting) {
        if (waiting != null) {
            for (NotifiedWatch watch : waiting) {
                if (watch.signal()) {
                    return;
                }
            }
        }
    }

    /**
     * Read a notification's payload: {@code length(namespace) ':' namespace id}.
     *
     * @param payload the payload
     * @return the key, or {@code null} when the payload is not one of the store's
     */
    static @Nullable LockKey parse(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int length = Integer.parseInt(payload.substring(0, colon));
            int end = colon + 1 + length;
            if (end > payload.length()) {
                return null;
            }
            // LENGTH counts characters, substring UTF-16 units: walk code points for names outside the BMP.
            int namespaceEnd = payload.offsetByCodePoints(colon + 1, length);
            return new LockKey(payload.substring(colon + 1, namespaceEnd), payload.substring(namespaceEnd));
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private void remove(NotifiedWatch watch) {
        Queue<NotifiedWatch> waiting = this.watches.computeIfPresent(watch.key, (key, queue) -> {
            queue.remove(watch);
            return queue.isEmpty() ? null : queue;
        });
        if (watch.signalled) {
            // Its waiter left without acting on the release it was woken for: pass the wake on.
            wakeOne(waiting);
        }
    }

    /** Decide, with watches opening, whether a listener without watches for {@link #IDLE} stops. */
    private boolean idle(Listener candidate, long idleSince) {
        synchronized (this.lifecycle) {
            if (this.listener != candidate) {
                return true;
            }
            if (this.watches.isEmpty() && System.nanoTime() - idleSince >= IDLE.toNanos()) {
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

    private static PollingLockWatch polling() {
        return new PollingLockWatch(Duration.ofMillis(10), Duration.ofMillis(500));
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
                    if (!PostgresNotifications.this.watches.isEmpty()) {
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
                PostgresNotifications.this.watches.values().forEach((queue) -> queue.forEach(NotifiedWatch::signal));
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

    /** A waiter on one lock, woken by the listener; it polls whenever the listener it was opened with has ended. */
    private final class NotifiedWatch implements LockWatch {

        final LockKey key;

        final Thread waiter = Thread.currentThread();

        private final PollingLockWatch fallback = polling();

        volatile @Nullable Listener listener;

        volatile boolean signalled;

        private volatile boolean closed;

        NotifiedWatch(LockKey key) {
            this.key = key;
        }

        /** Wake the waiter; {@code false} when the watch is closed, so that the wake goes to the next. */
        boolean signal() {
            if (this.closed) {
                return false;
            }
            this.signalled = true;
            LockSupport.unpark(this.waiter);
            return true;
        }

        @Override
        public boolean await(Duration max) throws InterruptedException {
            Listener current = this.listener;
            if (this.signalled) {
                this.signalled = false;
                return true;
            }
            if (current == null || !current.running) {
                return this.fallback.await(max);
            }
            long deadline = System.nanoTime() + Math.min(max.toNanos(), PostgresNotifications.this.recheck.toNanos());
            while (!this.signalled) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            this.signalled = false;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return true;
        }

        @Override
        public void close() {
            if (!this.closed) {
                this.closed = true;
                remove(this);
            }
        }
    }
}

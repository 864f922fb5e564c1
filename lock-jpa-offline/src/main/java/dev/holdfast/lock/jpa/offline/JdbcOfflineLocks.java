package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jdbc.LockTableMissingException;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.DatabaseRetry;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link OfflineLocks} on the {@code holdfast_offline_lock} table through JDBC, with platform SQL from
 * {@code offline-locks-<platform>.sql}.
 *
 * <p>An acquisition runs in its own short READ COMMITTED transaction: for each key, in (namespace, id) order, it makes
 * sure the key's row exists, locks it with {@code SELECT … FOR UPDATE} (reading whether it is stale by the database
 * clock), and grants, renews or answers not acquired. Racing acquirers queue on the row lock, so the second sees the
 * first's grant and is answered cleanly; a deadlock or lock timeout reported by the database is retried a few times
 * with jittered backoff, unless the calling thread is interrupted. A release is one {@code UPDATE} that takes one hold
 * away and frees the row with the last. Thread-safe.
 */
public class JdbcOfflineLocks implements OfflineLocks {

    private static final Logger logger = LoggerFactory.getLogger(JdbcOfflineLocks.class);

    private static final String TABLE = "holdfast_offline_lock";

    private static final int MAX_ATTEMPTS = 5;

    private static final int SWEEP_BATCH = 100;

    private final LockTablePlatform platform;

    private final SqlStatements sql;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final OfflineLockRows rows;

    private final OfflineAcquisition acquisition;

    private final DatabaseRetry retry;

    private final OfflineLockExpiryListener expiryListener;

    private final @Nullable LockKeyResolver keyResolver;

    private final OfflineLockEvents events;

    /**
     * Create the locks over a data source.
     *
     * @param dataSource the database holding the lock table
     * @param defaultIdleTimeout how long locks live without renewal unless a request says otherwise, positive and at
     *     most {@link OfflineLockRequest#MAX_IDLE_TIMEOUT}
     * @param expiryListener told when a stale lock is taken over or swept
     * @param keyResolver names entities for {@link #keyOf(Object)}, or {@code null} without JPA
     * @throws IllegalArgumentException when the default idle timeout is out of range
     */
    public JdbcOfflineLocks(
            DataSource dataSource,
            Duration defaultIdleTimeout,
            OfflineLockExpiryListener expiryListener,
            @Nullable LockKeyResolver keyResolver) {
        this(dataSource, defaultIdleTimeout, expiryListener, keyResolver, List.of());
    }

    /**
     * Create the locks over a data source, telling lock listeners (meters, observations) of each acquisition and of
     * each stale lock ended, as events of kind {@link dev.holdfast.lock.LockKind#OFFLINE} in store {@code jdbc}.
     *
     * @param dataSource the database holding the lock table
     * @param defaultIdleTimeout how long locks live without renewal unless a request says otherwise, positive and at
     *     most {@link OfflineLockRequest#MAX_IDLE_TIMEOUT}
     * @param expiryListener told when a stale lock is taken over or swept
     * @param keyResolver names entities for {@link #keyOf(Object)}, or {@code null} without JPA
     * @param listeners told of acquisitions and of stale locks ended (an acquisition is named after its first key's
     *     namespace)
     * @throws IllegalArgumentException when the default idle timeout is out of range
     */
    public JdbcOfflineLocks(
            DataSource dataSource,
            Duration defaultIdleTimeout,
            OfflineLockExpiryListener expiryListener,
            @Nullable LockKeyResolver keyResolver,
            List<? extends LockListener> listeners) {
        OfflineLockRequest.checkIdleTimeout(
                "Offline locks of every key, by default (holdfast.offline.idle-timeout),", defaultIdleTimeout);
        Database database = Database.of(dataSource);
        this.platform = LockTablePlatform.of(database);
        this.sql = this.platform.statements("dev/holdfast/lock/jpa/offline/offline-locks");
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setExceptionTranslator(database.failures().translator());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transactions.setTimeout(10);
        this.rows = new OfflineLockRows(this.platform);
        this.acquisition = new OfflineAcquisition(this.sql, this.jdbc, this.rows, defaultIdleTimeout);
        this.retry = DatabaseRetry.doubling(
                MAX_ATTEMPTS, Duration.ofMillis(20), Duration.ofMillis(320), database.failures()::isRetryable);
        this.expiryListener = expiryListener;
        this.keyResolver = keyResolver;
        this.events = new OfflineLockEvents(listeners);
    }

    /**
     * Check that the lock table exists.
     *
     * @throws LockTableMissingException when it does not
     */
    public void verifyTable() {
        try {
            this.jdbc.queryForObject(this.sql.get("check-table"), Long.class);
        } catch (BadSqlGrammarException ex) {
            throw new LockTableMissingException(TABLE, this.platform.id(), ex);
        }
    }

    @Override
    public OfflineLockResult tryAcquire(OfflineLockRequest request) {
        return this.events.acquisition(request, () -> decide(request));
    }

    private OfflineLockResult decide(OfflineLockRequest request) {
        String locks = OfflineLockRequest.names(request.keys());
        OfflineAcquisition.Attempt outcome = this.retry.execute(
                "offline lock [" + locks + "]",
                () -> this.transactions.execute((status) -> {
                    OfflineAcquisition.Attempt attempt = this.acquisition.acquireAll(request);
                    if (!attempt.result().acquired()) {
                        status.setRollbackOnly();
                    }
                    return attempt;
                }),
                (failure) -> {
                    if (!failure.retryable()) {
                        return failure.rethrow();
                    }
                    return new LockException(
                            "Offline lock [" + locks + "] for owner [" + request.owner()
                                    + "] could not be decided after " + failure.attemptsMade()
                                    + ": database lock contention",
                            failure.last());
                });
        outcome.expired().forEach((lock) -> notifyExpired(lock, OfflineLockExpiryListener.Cause.TAKEN_OVER));
        return outcome.result();
    }

    @Override
    public boolean release(LockKey key, String owner) {
        checkKey(key);
        LockRequest.validateOwner(key, owner);
        return releaseHold(key, owner);
    }

    @Override
    public boolean releaseOneTime(LockKey key) {
        checkKey(key);
        return releaseHold(key, "");
    }

    private boolean releaseHold(LockKey key, String owner) {
        return inTransaction(() -> this.jdbc.update(this.sql.get("release"), key.namespace(), key.id(), owner)) > 0;
    }

    @Override
    public int releaseAll(String owner) {
        LockRequest.validateOwner("every offline lock of the owner", owner);
        return inTransaction(() -> this.jdbc.update(this.sql.get("release-all"), owner));
    }

    @Override
    public Optional<OfflineLock> find(LockKey key) {
        checkKey(key);
        return this.jdbc.query(this.sql.get("find-live"), this.rows.lock(), key.namespace(), key.id()).stream()
                .findFirst();
    }

    @Override
    public List<OfflineLock> heldBy(String owner) {
        LockRequest.validateOwner("every offline lock of the owner", owner);
        return this.jdbc.query(this.sql.get("find-held-by"), this.rows.lock(), owner);
    }

    @Override
    public List<OfflineLock> list(@Nullable String namespace, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Offline lock list limit must be at least 1, but was " + limit);
        }
        return (namespace != null)
                ? this.jdbc.query(this.sql.get("list-live-in"), this.rows.lock(), namespace, limit)
                : this.jdbc.query(this.sql.get("list-live"), this.rows.lock(), limit);
    }

    @Override
    public <T> T execute(OfflineLockRequest request, Supplier<T> action) {
        OfflineLockResult.Acquired acquired = acquire(request);
        try {
            return action.get();
        } finally {
            for (LockKey key : acquired.holdsAdded()) {
                releaseHold(key, request.owner());
            }
        }
    }

    @Override
    public int sweep() {
        int swept = 0;
        List<OfflineLock> stale = this.jdbc.query(this.sql.get("find-stale"), this.rows.lock(), SWEEP_BATCH);
        for (OfflineLock lock : stale) {
            int updated = inTransaction(() -> this.jdbc.update(
                    this.sql.get("expire"), lock.key().namespace(), lock.key().id(), lock.owner(), lock.token()));
            if (updated > 0) {
                swept++;
                notifyExpired(lock, OfflineLockExpiryListener.Cause.SWEPT);
            }
        }
        return swept;
    }

    @Override
    public LockKey keyOf(Object entity) {
        if (entity instanceof LockKey key) {
            return key;
        }
        if (entity == null) {
            throw new IllegalArgumentException("Offline lock key of [null] asked for: pass an entity");
        }
        if (this.keyResolver == null) {
            throw new IllegalArgumentException(
                    "Offline lock key of [" + entity.getClass().getName()
                            + "] cannot be resolved: no JPA is configured, so name the lock with LockKey.of(namespace, id)");
        }
        return this.keyResolver.resolve(entity);
    }

    /** Reject a missing key before anything reaches the database (a key itself is valid once built). */
    private static void checkKey(@Nullable LockKey key) {
        if (key == null) {
            throw new IllegalArgumentException("Offline lock key must not be null");
        }
    }

    private int inTransaction(Supplier<Integer> work) {
        Integer result = this.transactions.execute((status) -> work.get());
        return (result != null) ? result : 0;
    }

    private void notifyExpired(OfflineLock lock, OfflineLockExpiryListener.Cause cause) {
        this.events.lost(lock, cause);
        try {
            this.expiryListener.expired(lock, cause);
        } catch (RuntimeException ex) {
            logger.warn("Offline lock expiry listener failed for [{}] ({})", lock.key(), cause, ex);
        }
    }
}

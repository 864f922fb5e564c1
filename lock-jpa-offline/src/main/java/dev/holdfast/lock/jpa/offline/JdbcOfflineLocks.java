package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;
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
 * <p>An acquisition runs in its own short READ COMMITTED transaction: for each target, in (type, id) order, it makes
 * sure the target's row exists, locks it with {@code SELECT … FOR UPDATE} (reading whether it is stale by the
 * database clock), and grants, renews or refuses. Racing acquirers queue on the row lock, so the second sees the
 * first's grant and is refused cleanly; a deadlock or lock timeout reported by the database is retried a few times
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

    private final @Nullable LockTargetResolver targetResolver;

    /**
     * Create the locks over a data source.
     *
     * @param dataSource the database holding the lock table
     * @param defaultIdleTimeout how long locks live without renewal unless a request says otherwise, positive and at
     *     most {@link OfflineLockRequest#MAX_IDLE_TIMEOUT}
     * @param expiryListener told when a stale lock is taken over or swept
     * @param targetResolver names entities for {@link #targetOf(Object)}, or {@code null} without JPA
     * @throws InvalidLockTargetException when the default idle timeout is out of range
     */
    public JdbcOfflineLocks(
            DataSource dataSource,
            Duration defaultIdleTimeout,
            OfflineLockExpiryListener expiryListener,
            @Nullable LockTargetResolver targetResolver) {
        OfflineLockRequest.checkIdleTimeout(
                "Offline locks of every target, by default (holdfast.offline.idle-timeout)", defaultIdleTimeout);
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
        this.targetResolver = targetResolver;
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
    public OfflineLockResult acquire(OfflineLockRequest request) {
        OfflineAcquisition.Attempt outcome = this.retry.execute(
                "offline lock " + request.targets(),
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
                            "Offline lock " + request.targets() + " for holder [" + request.holder()
                                    + "] could not be decided after " + failure.attemptsMade()
                                    + ": database lock contention",
                            failure.last());
                });
        outcome.expired().forEach((lock) -> notifyExpired(lock, OfflineLockExpiryListener.Cause.TAKEN_OVER));
        return outcome.result();
    }

    @Override
    public boolean release(LockTarget target, String holder) {
        return inTransaction(() -> this.jdbc.update(this.sql.get("release"), target.type(), target.id(), holder)) > 0;
    }

    @Override
    public boolean releaseOneTime(LockTarget target) {
        return release(target, "");
    }

    @Override
    public int releaseAll(String holder) {
        return inTransaction(() -> this.jdbc.update(this.sql.get("release-all"), holder));
    }

    @Override
    public Optional<OfflineLock> find(LockTarget target) {
        return this.jdbc.query(this.sql.get("find-live"), this.rows.lock(), target.type(), target.id()).stream()
                .findFirst();
    }

    @Override
    public List<OfflineLock> heldBy(String holder) {
        return this.jdbc.query(this.sql.get("find-held-by"), this.rows.lock(), holder);
    }

    @Override
    public <T> T withLock(OfflineLockRequest request, Supplier<T> action) {
        OfflineLockResult result = acquire(request);
        if (result instanceof OfflineLockResult.Refused refused) {
            throw new OfflineLockRefusedException(refused);
        }
        try {
            return action.get();
        } finally {
            for (LockTarget target : ((OfflineLockResult.Acquired) result).holdsAdded()) {
                release(target, request.holder());
            }
        }
    }

    @Override
    public int sweep() {
        int swept = 0;
        List<OfflineLock> stale = this.jdbc.query(this.sql.get("find-stale"), this.rows.lock(), SWEEP_BATCH);
        for (OfflineLock lock : stale) {
            int updated = inTransaction(() -> this.jdbc.update(
                    this.sql.get("expire"), lock.target().type(), lock.target().id(), lock.holder(), lock.token()));
            if (updated > 0) {
                swept++;
                notifyExpired(lock, OfflineLockExpiryListener.Cause.SWEPT);
            }
        }
        return swept;
    }

    @Override
    public LockTarget targetOf(Object entity) {
        if (entity instanceof LockTarget target) {
            return target;
        }
        if (this.targetResolver == null) {
            throw new IllegalStateException("Lock target of ["
                    + entity.getClass().getName() + "] cannot be resolved without JPA: use LockTarget.of(type, id)");
        }
        return this.targetResolver.resolve(entity);
    }

    private int inTransaction(Supplier<Integer> work) {
        Integer result = this.transactions.execute((status) -> work.get());
        return (result != null) ? result : 0;
    }

    private void notifyExpired(OfflineLock lock, OfflineLockExpiryListener.Cause cause) {
        try {
            this.expiryListener.expired(lock, cause);
        } catch (RuntimeException ex) {
            logger.warn("Offline lock expiry listener failed for [{}] ({})", lock.target(), cause, ex);
        }
    }
}

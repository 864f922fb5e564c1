package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;
import dev.holdfast.lock.jdbc.DatabasePlatform;
import dev.holdfast.lock.jdbc.LockTableMissingException;
import dev.holdfast.lock.jdbc.SqlStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
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
 * sure the target's row exists ({@code INSERT … ON CONFLICT DO NOTHING} or the platform's equivalent), locks it
 * ({@code SELECT … FOR UPDATE}, which also reads whether it is stale by the database clock), and grants (one hold, a
 * new token), renews (adding a hold unless {@link OfflineLockMode#TAKE_OR_RENEW}) or refuses. Racing acquirers queue
 * on the row lock, so the second sees the first's grant and is refused cleanly; a deadlock or lock timeout reported by
 * the database is retried a few times with jittered backoff. A release is one {@code UPDATE} that takes one hold away
 * and frees the row with the last. Thread-safe.
 */
public class JdbcOfflineLocks implements OfflineLocks {

    private static final Logger logger = LoggerFactory.getLogger(JdbcOfflineLocks.class);

    private static final String TABLE = "holdfast_offline_lock";

    private static final int MAX_ATTEMPTS = 5;

    private static final int SWEEP_BATCH = 100;

    private final DatabasePlatform platform;

    private final SqlStatements sql;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final Duration defaultIdleTimeout;

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
        this.platform = DatabasePlatform.of(dataSource);
        this.sql = SqlStatements.load("dev/holdfast/lock/jpa/offline/offline-locks-" + this.platform.id() + ".sql");
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transactions.setTimeout(10);
        this.defaultIdleTimeout = defaultIdleTimeout;
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
            throw new LockTableMissingException(TABLE, this.platform, ex);
        }
    }

    @Override
    public OfflineLockResult acquire(OfflineLockRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                Attempt outcome = this.transactions.execute((status) -> {
                    Attempt result = acquireAll(request);
                    if (!result.result().acquired()) {
                        status.setRollbackOnly();
                    }
                    return result;
                });
                outcome.expired().forEach((lock) -> notifyExpired(lock, OfflineLockExpiryListener.Cause.TAKEN_OVER));
                return outcome.result();
            } catch (PessimisticLockingFailureException ex) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LockException(
                            "Offline lock " + request.targets() + " for holder [" + request.holder()
                                    + "] could not be decided after " + attempt + " attempts: database lock contention",
                            ex);
                }
                logger.debug("Offline lock {} attempt {} hit lock contention, retrying", request.targets(), attempt);
                LockSupport.parkNanos(
                        Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 20L << attempt))
                                .toNanos());
            }
        }
    }

    private Attempt acquireAll(OfflineLockRequest request) {
        List<OfflineLock> locks = new ArrayList<>();
        List<LockTarget> holdsAdded = new ArrayList<>();
        List<OfflineLock> expired = new ArrayList<>();
        for (LockTarget target : request.targets()) {
            ensureRow(target);
            Row row = this.jdbc.queryForObject(
                    this.sql.get("select-for-update"), this::mapRow, target.type(), target.id());
            if (row.holder() != null && !row.stale()) {
                boolean own = row.holder().equals(request.holder());
                if (!own || !reenters(request.mode())) {
                    return new Attempt(
                            new OfflineLockResult.Refused(
                                    target, row.holder(), row.reason(), row.since(), row.expiresAt(), own),
                            List.of());
                }
                boolean addHold = request.mode() != OfflineLockMode.TAKE_OR_RENEW;
                renew(target, request, addHold);
                if (addHold) {
                    holdsAdded.add(target);
                }
            } else {
                if (row.holder() != null) {
                    expired.add(row.toLock(target));
                }
                grant(target, request);
                holdsAdded.add(target);
            }
            OfflineLock lock =
                    this.jdbc.queryForObject(this.sql.get("find-live"), this::mapLock, target.type(), target.id());
            locks.add(lock);
        }
        return new Attempt(new OfflineLockResult.Acquired(locks, holdsAdded), expired);
    }

    private static boolean reenters(OfflineLockMode mode) {
        return mode == OfflineLockMode.REENTRANT || mode == OfflineLockMode.TAKE_OR_RENEW;
    }

    private void ensureRow(LockTarget target) {
        try {
            this.jdbc.update(this.sql.get("insert-if-absent"), target.type(), target.id());
        } catch (DuplicateKeyException ex) {
            // H2 only: a racing transaction inserted the row first; the row lock below orders us after it
        }
    }

    private void grant(LockTarget target, OfflineLockRequest request) {
        if (request.neverExpires()) {
            this.jdbc.update(
                    this.sql.get("grant-forever"), request.holder(), request.reason(), target.type(), target.id());
        } else {
            this.jdbc.update(
                    this.sql.get("grant"),
                    request.holder(),
                    request.reason(),
                    idleMillis(request),
                    target.type(),
                    target.id());
        }
    }

    private void renew(LockTarget target, OfflineLockRequest request, boolean addHold) {
        int added = addHold ? 1 : 0;
        if (request.neverExpires()) {
            this.jdbc.update(this.sql.get("renew-forever"), request.reason(), added, target.type(), target.id());
        } else {
            long idle = idleMillis(request);
            this.jdbc.update(this.sql.get("renew"), request.reason(), idle, idle, added, target.type(), target.id());
        }
    }

    private long idleMillis(OfflineLockRequest request) {
        Duration idle = (request.idleTimeout() != null) ? request.idleTimeout() : this.defaultIdleTimeout;
        return Math.max(1, idle.toMillis());
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
        return this.jdbc.query(this.sql.get("find-live"), this::mapLock, target.type(), target.id()).stream()
                .findFirst();
    }

    @Override
    public List<OfflineLock> heldBy(String holder) {
        return this.jdbc.query(this.sql.get("find-held-by"), this::mapLock, holder);
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
        List<OfflineLock> stale = this.jdbc.query(this.sql.get("find-stale"), this::mapLock, SWEEP_BATCH);
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

    private Row mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getString("holder"),
                rs.getString("reason"),
                rs.getLong("token"),
                rs.getInt("holds"),
                this.platform.readInstant(rs, "created_at"),
                this.platform.readInstant(rs, "expires_at"),
                rs.getInt("stale") == 1);
    }

    private OfflineLock mapLock(ResultSet rs, int rowNum) throws SQLException {
        return new OfflineLock(
                new LockTarget(rs.getString("object_type"), rs.getString("object_id")),
                rs.getString("holder"),
                rs.getString("reason"),
                rs.getLong("token"),
                rs.getInt("holds"),
                this.platform.readInstant(rs, "created_at"),
                this.platform.readInstant(rs, "expires_at"));
    }

    /** The row as locked for update. */
    private record Row(
            @Nullable String holder,
            @Nullable String reason,
            long token,
            int holds,
            java.time.Instant since,
            java.time.@Nullable Instant expiresAt,
            boolean stale) {

        OfflineLock toLock(LockTarget target) {
            return new OfflineLock(
                    target,
                    (this.holder != null) ? this.holder : "",
                    this.reason,
                    this.token,
                    this.holds,
                    this.since,
                    this.expiresAt);
        }
    }

    /** One attempt's result and the stale locks it took over, to report after commit. */
    private record Attempt(OfflineLockResult result, List<OfflineLock> expired) {}
}

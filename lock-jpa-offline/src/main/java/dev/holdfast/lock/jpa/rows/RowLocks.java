package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.jdbc.internal.Database;
import jakarta.persistence.EntityManagerFactory;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Executes a callback in a new outermost transaction that first locks the rows of the given entities with {@code SELECT
 * ... FOR UPDATE}, in a fixed order (entity name, then id), and retries the whole unit when the database reports a
 * deadlock or a lock-wait timeout. A row lock is a database lock, not a lock in a store: it lives as long as the
 * transaction, and has no owner, lease or token.
 *
 * <pre class="code">
 * Account result = rowLocks.execute(List.of(from, to), (status) -&gt; {
 *     rowLocks.confirmLocked(from);
 *     return transfer(from, to, amount);
 * });
 * </pre>
 *
 * <p>Entities are JPA entities (identified through the metamodel) or {@link TableRow}s; nulls are dropped, collections
 * flattened, duplicates locked once. Bad input (an object that is neither, an entity without an id) is an
 * {@link IllegalArgumentException} naming it, thrown before any transaction begins. Called inside a transaction it runs the callback there only when that transaction
 * already locked every requested row, and throws {@link LockMustBeOutermostTransactionException} otherwise. Thread-safe;
 * each thread's transaction has its own record of held rows.
 */
public final class RowLocks {

    private final RowLockers lockers;

    private final RowLockUnits units;

    private final LockWait wait;

    private RowLocks(Builder builder) {
        DataSource dataSource = dataSourceOf(builder);
        Supplier<Database> database = (dataSource != null) ? SingletonSupplier.of(() -> Database.of(dataSource)) : null;
        this.lockers = new RowLockers(
                (builder.entityManagerFactory != null) ? new JpaRowLocker(builder.entityManagerFactory) : null,
                (builder.jdbcTemplate != null)
                        ? new JdbcRowLocker(builder.jdbcTemplate, (database != null) ? database : RowLocks::noDatabase)
                        : null);
        this.units = new RowLockUnits(
                builder.transactionManager, this.lockers, builder.retry, new RowLockFailures(database));
        this.wait = builder.wait;
    }

    private RowLocks(RowLocks source, LockWait wait) {
        this.lockers = source.lockers;
        this.units = source.units;
        this.wait = wait;
    }

    /** The database the rows live in: the JDBC template's, else the persistence unit's, else the transactions'. */
    private static @Nullable DataSource dataSourceOf(Builder builder) {
        if (builder.jdbcTemplate != null && builder.jdbcTemplate.getDataSource() != null) {
            return builder.jdbcTemplate.getDataSource();
        }
        if (builder.entityManagerFactory != null) {
            DataSource dataSource = JpaRowLocker.dataSourceOf(builder.entityManagerFactory);
            if (dataSource != null) {
                return dataSource;
            }
        }
        if (builder.transactionManager instanceof ResourceTransactionManager resources
                && resources.getResourceFactory() instanceof DataSource dataSource) {
            return dataSource;
        }
        return null;
    }

    private static Database noDatabase() {
        throw new IllegalStateException("Row locks on TableRows need a JdbcTemplate with a DataSource");
    }

    /**
     * Start building row locks over a transaction manager.
     *
     * @param transactionManager the manager of the units' transactions
     * @return a builder
     */
    public static Builder builder(PlatformTransactionManager transactionManager) {
        return new Builder(transactionManager);
    }

    /**
     * Return row locks that wait for other transactions' locks in another way.
     *
     * @param wait how to wait
     * @return a copy with that wait
     */
    public RowLocks withWait(LockWait wait) {
        Assert.notNull(wait, "Row lock wait must not be null");
        return new RowLocks(this, wait);
    }

    /**
     * Begin a new outermost transaction, lock the entities' rows at its start, then run the callback in it and commit;
     * retry the whole unit on a deadlock, a lock-wait timeout or a {@link RetryTransactionException}, unless the
     * thread is interrupted. Inside a transaction that already holds every row, the callback runs in that transaction
     * instead.
     *
     * @param entities JPA entities or {@link TableRow}s, in any order; collections and arrays are flattened
     * @param callback the work, which may throw {@link RetryTransactionException}
     * @param <T> the result type
     * @return the callback's result
     * @throws IllegalArgumentException when an entity cannot be locked (not an entity or a {@link TableRow}, no id
     *     yet, no JPA or JDBC configured for it); nothing is locked
     * @throws LockMustBeOutermostTransactionException when called inside a transaction that does not hold the rows
     * @throws RowLockRetriesExhaustedException when every attempt met a deadlock, a timeout or a retry request, or the
     *     thread was interrupted after one
     */
    public <T extends @Nullable Object> T execute(Collection<?> entities, TransactionCallback<T> callback) {
        Assert.notNull(callback, "Row lock callback must not be null");
        List<RowTargets.Target> targets = RowTargets.normalize(entities, this.lockers::keyOf);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return this.units.joinEnclosing(targets, callback);
        }
        return this.units.run(targets, callback, this.wait);
    }

    /**
     * Begin a new outermost transaction, lock the entities' rows at its start, then run the action in it and commit,
     * as {@link #execute(Collection, TransactionCallback)} does.
     *
     * @param entities JPA entities or {@link TableRow}s, in any order
     * @param action the work
     * @see #execute(Collection, TransactionCallback)
     */
    public void execute(Collection<?> entities, Runnable action) {
        Assert.notNull(action, "Row lock action must not be null");
        execute(entities, (status) -> {
            action.run();
            return null;
        });
    }

    /**
     * Check that the current row-locking transaction holds the entity's row.
     *
     * @param entity a JPA entity or a {@link TableRow}
     * @throws LockNotHeldException when it does not
     * @throws IllegalArgumentException when the entity cannot be locked
     */
    public void confirmLocked(Object entity) {
        RowKey key = this.lockers.keyOf(entity);
        HeldRows held = HeldRows.current();
        if (held == null) {
            throw new LockNotHeldException("Row lock [" + key + "] not held: no row-locking transaction is active");
        }
        if (!held.contains(key)) {
            throw new LockNotHeldException(
                    "Row lock [" + key + "] not held by the current transaction, which holds " + held.keys());
        }
    }

    /**
     * Whether the current row-locking transaction holds the entity's row.
     *
     * @param entity a JPA entity or a {@link TableRow}
     * @return whether the row is locked by the current unit
     */
    public boolean isLocked(Object entity) {
        HeldRows held = HeldRows.current();
        return held != null && held.contains(this.lockers.keyOf(entity));
    }

    /** Builds {@link RowLocks}. */
    public static final class Builder {

        private final PlatformTransactionManager transactionManager;

        private @Nullable EntityManagerFactory entityManagerFactory;

        private @Nullable JdbcTemplate jdbcTemplate;

        private RowLockRetry retry = RowLockRetry.defaults();

        private LockWait wait = LockWait.databaseDefault();

        private Builder(PlatformTransactionManager transactionManager) {
            Assert.notNull(transactionManager, "Row lock transaction manager must not be null");
            this.transactionManager = transactionManager;
        }

        /**
         * Lock JPA entities through this persistence unit (its transactions must be run by the transaction manager).
         *
         * @param entityManagerFactory the persistence unit
         * @return this builder
         */
        public Builder entityManagerFactory(EntityManagerFactory entityManagerFactory) {
            this.entityManagerFactory = entityManagerFactory;
            return this;
        }

        /**
         * Lock {@link TableRow}s through this template (its data source must be the transaction manager's).
         *
         * @param jdbcTemplate the template
         * @return this builder
         */
        public Builder jdbcTemplate(JdbcTemplate jdbcTemplate) {
            this.jdbcTemplate = jdbcTemplate;
            return this;
        }

        /**
         * Retry deadlocks and lock-wait timeouts this way.
         *
         * @param retry attempts and backoff
         * @return this builder
         */
        public Builder retry(RowLockRetry retry) {
            Assert.notNull(retry, "Row lock retry must not be null");
            this.retry = retry;
            return this;
        }

        /**
         * Wait for other transactions' row locks this way.
         *
         * @param wait how to wait
         * @return this builder
         */
        public Builder lockWait(LockWait wait) {
            Assert.notNull(wait, "Row lock wait must not be null");
            this.wait = wait;
            return this;
        }

        /**
         * Build the row locks.
         *
         * @return the row locks
         * @throws IllegalStateException when neither JPA nor JDBC is configured
         */
        public RowLocks build() {
            if (this.entityManagerFactory == null && this.jdbcTemplate == null) {
                throw new IllegalStateException(
                        "Row locks need an EntityManagerFactory, a JdbcTemplate, or both, to lock anything");
            }
            return new RowLocks(this);
        }
    }
}

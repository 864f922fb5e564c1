package dev.holdfast.lock.jdbc.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.util.ClassUtils;

/**
 * What kind of failure a database reported, as Spring classifies it: a {@link SQLException} anywhere in the cause
 * chain goes through the database's {@link SQLErrorCodeSQLExceptionTranslator} (its error codes from
 * {@code sql-error-codes.xml}, else its SQLState), a Spring {@link DataAccessException} counts as it is, and a JPA
 * exception is converted as Spring's JPA support converts it. Deadlocks, serialization failures and locks not acquired
 * in time are Spring's {@link PessimisticLockingFailureException} family: the work may succeed when run again.
 * Immutable and thread-safe. Internal: see the package documentation.
 */
public final class DatabaseFailures {

    private static final boolean JPA_PRESENT = ClassUtils.isPresent(
                    "jakarta.persistence.PersistenceException", DatabaseFailures.class.getClassLoader())
            && ClassUtils.isPresent(
                    "org.springframework.orm.jpa.EntityManagerFactoryUtils", DatabaseFailures.class.getClassLoader());

    private final SQLExceptionTranslator translator;

    private DatabaseFailures(SQLExceptionTranslator translator) {
        this.translator = translator;
    }

    /**
     * Return the classification of a database product's failures.
     *
     * @param productName the JDBC product name, or {@code null} when unknown (only SQLStates are then read)
     * @return the classification
     */
    public static DatabaseFailures of(@Nullable String productName) {
        return new DatabaseFailures(
                (productName != null)
                        ? new SQLErrorCodeSQLExceptionTranslator(productName)
                        : new SQLErrorCodeSQLExceptionTranslator());
    }

    /**
     * Return the translator, for a {@code JdbcTemplate} on the same database.
     *
     * @return the translator
     */
    public SQLExceptionTranslator translator() {
        return this.translator;
    }

    /**
     * Classify a failure by the first exception in its cause chain that Spring classifies as a lock failure or a
     * duplicate key.
     *
     * @param failure what the work threw
     * @return the kind, {@link Kind#OTHER} for anything else
     */
    public Kind classify(@Nullable Throwable failure) {
        Classified classified = find(failure);
        return (classified != null) ? classified.kind() : Kind.OTHER;
    }

    /**
     * Return whether running the work again may succeed: a deadlock, a serialization failure or a lock not acquired.
     *
     * @param failure what the work threw
     * @return whether to retry
     */
    public boolean isRetryable(@Nullable Throwable failure) {
        return classify(failure).retryable();
    }

    /**
     * Return whether the failure is a unique key violation.
     *
     * @param failure what the work threw
     * @return whether a row with the key exists already
     */
    public boolean isDuplicateKey(@Nullable Throwable failure) {
        return classify(failure) == Kind.DUPLICATE_KEY;
    }

    /**
     * Say what kind of failure the database reported, with its codes.
     *
     * @param failure what the work threw
     * @return a short reason such as {@code deadlock or serialization failure (SQLState 40P01, vendor code 0)}, or
     *     {@code null} for {@link Kind#OTHER}
     */
    public @Nullable String describe(@Nullable Throwable failure) {
        Classified classified = find(failure);
        if (classified == null) {
            return null;
        }
        SQLException sql = firstSqlException(classified.source());
        String detail = (sql != null)
                ? "SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode()
                : classified.source().getClass().getSimpleName();
        return classified.kind().description() + " (" + detail + ")";
    }

    /**
     * The database's own answer comes first: a {@link SQLException} in the chain, read with this database's codes, says
     * more than what a generic translator (a {@code JdbcTemplate}'s is by SQLException subclass) made of it.
     */
    private @Nullable Classified find(@Nullable Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable current : chain) {
            if (current instanceof SQLException sql) {
                Kind kind = kindOf(this.translator.translate("Holdfast database call", null, sql));
                if (kind != Kind.OTHER) {
                    return new Classified(kind, current);
                }
            }
        }
        for (Throwable current : chain) {
            Kind kind = kindOf(translated(current));
            if (kind != Kind.OTHER) {
                return new Classified(kind, current);
            }
        }
        return null;
    }

    private static @Nullable DataAccessException translated(Throwable failure) {
        if (failure instanceof DataAccessException translated) {
            return translated;
        }
        if (JPA_PRESENT && failure instanceof RuntimeException runtime) {
            return JpaFailures.translate(runtime);
        }
        return null;
    }

    private static List<Throwable> chain(@Nullable Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            chain.add(current);
        }
        return chain;
    }

    private static Kind kindOf(@Nullable DataAccessException translated) {
        if (translated instanceof CannotAcquireLockException) {
            return Kind.LOCK_NOT_ACQUIRED;
        }
        if (translated instanceof PessimisticLockingFailureException) {
            return Kind.DEADLOCK;
        }
        if (translated instanceof DuplicateKeyException) {
            return Kind.DUPLICATE_KEY;
        }
        return Kind.OTHER;
    }

    private static @Nullable SQLException firstSqlException(Throwable failure) {
        for (Throwable current : chain(failure)) {
            if (current instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** The kinds of database failure Holdfast tells apart. */
    public enum Kind {

        /**
         * The database broke a deadlock or a serialization conflict by failing this work (Spring's
         * {@link PessimisticLockingFailureException}): retryable.
         */
        DEADLOCK("deadlock or serialization failure", true),

        /**
         * A lock was not granted in time or at once: a lock-wait timeout or {@code NOWAIT} (Spring's
         * {@link CannotAcquireLockException}): retryable.
         */
        LOCK_NOT_ACQUIRED("lock not acquired", true),

        /** A unique key violation (Spring's {@link DuplicateKeyException}). */
        DUPLICATE_KEY("duplicate key", false),

        /** Any other failure. */
        OTHER("other failure", false);

        private final String description;

        private final boolean retryable;

        Kind(String description, boolean retryable) {
            this.description = description;
            this.retryable = retryable;
        }

        /**
         * Return a short description for messages.
         *
         * @return the description
         */
        public String description() {
            return this.description;
        }

        /**
         * Return whether running the work again may succeed.
         *
         * @return whether the kind is retryable
         */
        public boolean retryable() {
            return this.retryable;
        }
    }

    private record Classified(Kind kind, Throwable source) {}

    /** Spring's JPA exception conversion, kept apart so that nothing loads JPA types when JPA is absent. */
    private static final class JpaFailures {

        static @Nullable DataAccessException translate(RuntimeException failure) {
            if (failure instanceof jakarta.persistence.PersistenceException) {
                return org.springframework.orm.jpa.EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(
                        failure);
            }
            return null;
        }
    }
}

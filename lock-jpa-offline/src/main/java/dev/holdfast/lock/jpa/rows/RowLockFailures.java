package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.LockException;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Tells the failures a row-locking unit retries from every other: a {@link RetryTransactionException} anywhere in the
 * cause chain, and the deadlocks, serialization failures and locks not acquired that the database's
 * {@link DatabaseFailures} classify as retryable (through Spring's translators, so JPA's and Hibernate's lock
 * exceptions count too). Before the database is known, or when it cannot be asked, failures are read by SQLState.
 */
final class RowLockFailures {

    private static final DatabaseFailures BY_SQL_STATE = DatabaseFailures.of(null);

    private final @Nullable Supplier<Database> database;

    RowLockFailures(@Nullable Supplier<Database> database) {
        this.database = database;
    }

    boolean isRetryable(@Nullable Throwable failure) {
        return retryRequest(failure) != null || failures().isRetryable(failure);
    }

    /**
     * Say why a failure is retryable.
     *
     * @return a short reason such as {@code deadlock or serialization failure (SQLState 40P01, vendor code 0)}, or
     *     {@code null} when the failure is not retried
     */
    @Nullable
    String describe(@Nullable Throwable failure) {
        RetryTransactionException request = retryRequest(failure);
        if (request != null) {
            return "retry requested (" + request.getMessage() + ")";
        }
        return failures().describe(failure);
    }

    private DatabaseFailures failures() {
        if (this.database == null) {
            return BY_SQL_STATE;
        }
        try {
            return this.database.get().failures();
        } catch (LockException ex) {
            return BY_SQL_STATE;
        }
    }

    private static @Nullable RetryTransactionException retryRequest(@Nullable Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof RetryTransactionException request) {
                return request;
            }
        }
        return null;
    }
}

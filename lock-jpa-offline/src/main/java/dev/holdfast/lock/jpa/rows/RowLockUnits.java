package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.jdbc.internal.DatabaseRetry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs row-locking units: each attempt a new transaction that locks the rows first and then runs the callback, retried
 * as a whole through {@link DatabaseRetry} while it fails in a way {@link RowLockFailures} retries, never once the
 * thread is interrupted; or, inside a transaction that already holds the rows, the callback there.
 */
final class RowLockUnits {

    private final TransactionTemplate transactionTemplate;

    private final RowLockers lockers;

    private final RowLockRetry retrySettings;

    private final RowLockFailures failures;

    private final DatabaseRetry retry;

    RowLockUnits(
            PlatformTransactionManager transactionManager,
            RowLockers lockers,
            RowLockRetry retrySettings,
            RowLockFailures failures) {
        this.transactionTemplate = new TransactionTemplate(transactionManager);
        this.lockers = lockers;
        this.retrySettings = retrySettings;
        this.failures = failures;
        this.retry = DatabaseRetry.of(retrySettings.toRetryPolicy(), failures::isRetryable);
    }

    <T extends @Nullable Object> T run(
            List<RowTargets.Target> targets, TransactionCallback<T> callback, LockWait wait) {
        List<RowKey> keys = RowTargets.keys(targets);
        return this.retry.execute("row locks " + keys, () -> runOnce(targets, callback, wait), (failure) -> {
            String reason = this.failures.describe(failure.last());
            if (reason == null) {
                return failure.rethrow();
            }
            String interrupted = failure.interrupted() ? " (the thread was interrupted: not retried)" : "";
            return new RowLockRetriesExhaustedException(
                    "Row locks " + keys + " failed after " + failure.attempts() + " of "
                            + this.retrySettings.maxAttempts() + " attempts" + interrupted + ": " + reason,
                    failure.attempts(),
                    failure.last());
        });
    }

    private <T extends @Nullable Object> T runOnce(
            List<RowTargets.Target> targets, TransactionCallback<T> callback, LockWait wait) {
        try {
            return this.transactionTemplate.execute((status) -> {
                HeldRows held = HeldRows.bind(status);
                this.lockers.lockAll(targets, held, wait);
                return callback.doInTransaction(status);
            });
        } finally {
            HeldRows.unbind();
        }
    }

    <T extends @Nullable Object> T joinEnclosing(List<RowTargets.Target> targets, TransactionCallback<T> callback) {
        HeldRows held = HeldRows.current();
        List<RowKey> wanted = RowTargets.keys(targets);
        if (held == null) {
            throw new LockMustBeOutermostTransactionException("Row locks " + wanted
                    + " requested inside a transaction that took no row locks: lock rows in the outermost transaction");
        }
        List<RowKey> missing = held.missing(wanted);
        if (!missing.isEmpty()) {
            throw new LockMustBeOutermostTransactionException("Row locks " + missing
                    + " requested inside a transaction that holds only " + held.keys()
                    + ": lock every row in the outermost transaction");
        }
        return callback.doInTransaction(held.status());
    }
}

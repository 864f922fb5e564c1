package dev.holdfast.lock.jpa.rows;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How long a row lock waits for another transaction's lock.
 *
 * @param mode the kind of wait
 * @param timeout the longest wait, only with {@link Mode#TIMEOUT}
 */
public record LockWait(Mode mode, @Nullable Duration timeout) {

    /**
     * Check that a timeout is given exactly when the mode needs one.
     *
     * @throws IllegalArgumentException when the timeout does not fit the mode
     */
    public LockWait {
        if (mode == null) {
            throw new IllegalArgumentException("Row lock wait mode must not be null");
        }
        if ((mode == Mode.TIMEOUT) != (timeout != null)) {
            throw new IllegalArgumentException("Lock wait " + mode + " does not fit timeout [" + timeout + "]");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("Lock wait timeout [" + timeout + "] must be positive; use noWait()");
        }
    }

    /**
     * Wait as long as the database's own setting says.
     *
     * @return the wait
     */
    public static LockWait databaseDefault() {
        return new LockWait(Mode.DATABASE_DEFAULT, null);
    }

    /**
     * Wait at most the given time, then fail with a lock-wait timeout (which is retried).
     *
     * @param timeout the longest wait, positive
     * @return the wait
     */
    public static LockWait timeout(Duration timeout) {
        return new LockWait(Mode.TIMEOUT, timeout);
    }

    /**
     * Fail at once when a row is locked ({@code NOWAIT}); the failure is retried like a lock-wait timeout.
     *
     * @return the wait
     */
    public static LockWait noWait() {
        return new LockWait(Mode.NOWAIT, null);
    }

    /**
     * Skip rows another transaction has locked ({@code SKIP LOCKED}); the callback runs holding only the others.
     *
     * @return the wait
     */
    public static LockWait skipLocked() {
        return new LockWait(Mode.SKIP_LOCKED, null);
    }

    /** The kinds of lock wait. */
    public enum Mode {
        /** The database's default wait. */
        DATABASE_DEFAULT,
        /** A bounded wait. */
        TIMEOUT,
        /** No wait: fail at once. */
        NOWAIT,
        /** No wait: skip the row. */
        SKIP_LOCKED
    }
}

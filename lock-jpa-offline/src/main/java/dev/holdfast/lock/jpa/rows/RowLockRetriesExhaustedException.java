package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.LockException;

/**
 * Thrown when a row-locking unit met a deadlock, a lock-wait timeout or a retry request on every attempt it was
 * allowed; the cause is the last failure and the earlier ones are suppressed.
 */
public class RowLockRetriesExhaustedException extends LockException {

    private final int attempts;

    /**
     * Create an exception.
     *
     * @param message the rows, the number of attempts and the reason
     * @param attempts how many attempts were made
     * @param cause the last failure
     */
    public RowLockRetriesExhaustedException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    /**
     * Return how many times the unit ran.
     *
     * @return the number of attempts, at least one
     */
    public int getAttempts() {
        return this.attempts;
    }
}

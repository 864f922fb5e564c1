package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.LockException;

/**
 * Thrown by a row-locking callback to ask for the whole unit to be rolled back and run again from the start, with its
 * locks taken afresh; it counts against the same bounded attempts as a deadlock.
 */
public class RetryTransactionException extends LockException {

    /**
     * Create an exception.
     *
     * @param message why the unit must run again
     */
    public RetryTransactionException(String message) {
        super(message);
    }

    /**
     * Create an exception.
     *
     * @param message why the unit must run again
     * @param cause the failure that calls for it
     */
    public RetryTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}

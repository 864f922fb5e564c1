package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.LockException;

/**
 * Thrown when row locks are requested inside a transaction that did not lock those rows itself: locks must be taken
 * at the start of the outermost transaction, so that a deadlock can be retried before any side effect.
 */
public class LockMustBeOutermostTransactionException extends LockException {

    /**
     * Create an exception.
     *
     * @param message what was requested and what the enclosing transaction holds
     */
    public LockMustBeOutermostTransactionException(String message) {
        super(message);
    }
}

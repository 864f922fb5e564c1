package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.LockException;

/** Thrown when a row the caller relies on is not locked by the current row-locking transaction. */
public class LockNotHeldException extends LockException {

    /**
     * Create an exception.
     *
     * @param message the row at fault and what is held instead
     */
    public LockNotHeldException(String message) {
        super(message);
    }
}

package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;

/**
 * Thrown when a lock target, holder, reason or duration is not acceptable: the message names the target and the value.
 */
public class InvalidLockTargetException extends LockException {

    /**
     * Create the exception.
     *
     * @param message what is wrong, naming the target and the value at fault
     */
    public InvalidLockTargetException(String message) {
        super(message);
    }
}

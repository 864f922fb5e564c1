package dev.holdfast.lock;

/**
 * Thrown when a store cannot answer (unreachable, timed out, failed); a store fault never grants a lock.
 */
public class LockStoreException extends LockException {

    /**
     * Create an exception.
     *
     * @param message what failed, naming the lock
     * @param cause the store's error
     */
    public LockStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Create an exception without a cause.
     *
     * @param message what failed, naming the lock
     */
    public LockStoreException(String message) {
        super(message);
    }
}

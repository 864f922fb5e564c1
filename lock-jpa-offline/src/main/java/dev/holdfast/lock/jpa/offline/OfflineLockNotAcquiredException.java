package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;

/**
 * Thrown when an offline lock is not acquired where the caller needs it, as by {@link OfflineLocks#acquire} and
 * {@link OfflineLocks#execute}: the message names the lock, the owner who asked and the holder.
 */
public class OfflineLockNotAcquiredException extends LockException {

    private final OfflineLockResult.NotAcquired result;

    /**
     * Create the exception.
     *
     * @param result who holds the lock, and why
     */
    public OfflineLockNotAcquiredException(OfflineLockResult.NotAcquired result) {
        super(result.describe());
        this.result = result;
    }

    /**
     * Return the result: who holds the lock, and why.
     *
     * @return the result
     */
    public OfflineLockResult.NotAcquired result() {
        return this.result;
    }
}

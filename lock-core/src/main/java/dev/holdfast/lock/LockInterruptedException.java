package dev.holdfast.lock;

/**
 * Thrown when a thread waiting for a lock is interrupted; the thread's interrupt flag is set again before it is
 * thrown.
 */
public class LockInterruptedException extends LockException {

    /**
     * Create an exception.
     *
     * @param key the lock being waited for
     * @param cause the interruption
     */
    public LockInterruptedException(LockKey key, InterruptedException cause) {
        super("Interrupted while waiting for lock [" + key + "]", cause);
    }
}

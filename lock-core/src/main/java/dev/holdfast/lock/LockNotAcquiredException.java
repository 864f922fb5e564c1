package dev.holdfast.lock;

/**
 * Thrown when a lock could not be acquired: held by another owner, or not within the wait.
 */
public class LockNotAcquiredException extends LockException {

    private final LockResult.NotAcquired result;

    /**
     * Create an exception for a refusal.
     *
     * @param result what the store said
     */
    public LockNotAcquiredException(LockResult.NotAcquired result) {
        super(result.describe());
        this.result = result;
    }

    /**
     * Return the refusal, with the holder when known.
     *
     * @return the result
     */
    public LockResult.NotAcquired result() {
        return result;
    }
}

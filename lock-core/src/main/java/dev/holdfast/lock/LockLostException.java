package dev.holdfast.lock;

/**
 * Thrown when a lease turns out to have been lost: it expired, was preempted by a higher priority, or was claimed or
 * force-released by someone else, so the work done under it may have overlapped another holder's.
 */
public class LockLostException extends LockException {

    /**
     * Create an exception.
     *
     * @param message what was lost and how
     */
    public LockLostException(String message) {
        super(message);
    }
}

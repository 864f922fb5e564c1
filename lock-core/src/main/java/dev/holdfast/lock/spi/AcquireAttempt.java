package dev.holdfast.lock.spi;

/**
 * One attempt at a lock: the store's answer and the moment the request was sent, by {@link System#nanoTime()}.
 *
 * <p>A lease's local deadline is counted from {@code askedNanos}, the last moment before the store could have started
 * the lease, so it is never later than the store's own expiry, whoever sent the request and however late the answer
 * came.
 *
 * @param outcome what the store answered
 * @param askedNanos when the request was sent
 */
public record AcquireAttempt(AcquireOutcome outcome, long askedNanos) {

    public AcquireAttempt {
        if (outcome == null) {
            throw new IllegalArgumentException("Acquire attempt needs an outcome");
        }
    }

    /**
     * Ask a store once, noting when.
     *
     * @param store the store
     * @param command what to ask
     * @return the attempt
     */
    public static AcquireAttempt of(LockStore store, AcquireCommand command) {
        long asked = System.nanoTime();
        return new AcquireAttempt(store.acquire(command), asked);
    }

    /**
     * Return whether the lock was granted.
     *
     * @return {@code true} for a grant
     */
    public boolean granted() {
        return outcome instanceof AcquireOutcome.Granted;
    }
}

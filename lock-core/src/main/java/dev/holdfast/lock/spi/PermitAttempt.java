package dev.holdfast.lock.spi;

/**
 * One attempt at permits: the store's answer and the moment the request was sent, by {@link System#nanoTime()}; a
 * grant's local deadline is counted from it, as for {@link AcquireAttempt}.
 *
 * @param outcome what the store answered
 * @param askedNanos when the request was sent
 */
public record PermitAttempt(PermitOutcome outcome, long askedNanos) {

    /**
     * Ask a store once, noting when.
     *
     * @param store the store
     * @param command what to ask
     * @return the attempt
     */
    public static PermitAttempt of(SemaphoreStore store, PermitCommand command) {
        long asked = System.nanoTime();
        return new PermitAttempt(store.acquirePermits(command), asked);
    }

    /**
     * Return whether the permits were granted.
     *
     * @return {@code true} for a grant
     */
    public boolean granted() {
        return outcome instanceof PermitOutcome.Granted;
    }
}

package dev.holdfast.lock;

import java.time.Duration;

/**
 * One grant of a semaphore or a read/write lock, as the store knows it.
 *
 * @param owner who holds it
 * @param priority the holder's priority
 * @param token the grant's fencing token, strictly greater than every earlier grant's of the same semaphore
 * @param permits how many permits the grant holds (a read/write lock's grants hold one)
 * @param exclusive whether the grant excludes every other (a writer), rather than sharing (permits, a reader)
 * @param remaining how long the lease has left, by the store's clock; {@link LockRequest#FOREVER} when it never
 *     expires
 */
public record PermitHolder(String owner, int priority, long token, int permits, boolean exclusive, Duration remaining) {

    public PermitHolder {
        if (remaining.compareTo(LockRequest.MAX_LEASE) > 0) {
            remaining = LockRequest.FOREVER;
        }
    }

    @Override
    public String toString() {
        String left = LockRequest.isForever(remaining) ? "never expires" : remaining.toMillis() + " ms left";
        return "'" + owner + "' (" + (exclusive ? "exclusive" : permits + " permit" + ((permits == 1) ? "" : "s"))
                + ", priority " + priority + ", token " + token + ", " + left + ")";
    }
}

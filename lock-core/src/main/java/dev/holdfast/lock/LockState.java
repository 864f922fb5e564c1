package dev.holdfast.lock;

import java.time.Duration;

/**
 * What a store knows about a held lock at one moment.
 *
 * @param key the lock
 * @param owner who holds it
 * @param priority the holder's priority
 * @param token the holder's fencing token
 * @param holds how many times the owner holds it (reentrant acquisitions)
 * @param remaining how long the lease has left, by the store's clock; {@link LockRequest#FOREVER} for a lock that
 *     never expires (stores report any time left beyond {@link LockRequest#MAX_LEASE} so)
 */
public record LockState(LockKey key, String owner, int priority, long token, int holds, Duration remaining) {

    public LockState {
        if (remaining.compareTo(LockRequest.MAX_LEASE) > 0) {
            remaining = LockRequest.FOREVER;
        }
    }

    /**
     * Return whether the lock never expires.
     *
     * @return {@code true} when held with {@link LockRequest#FOREVER}
     */
    public boolean neverExpires() {
        return LockRequest.isForever(remaining);
    }

    @Override
    public String toString() {
        String left = neverExpires() ? "never expires" : remaining.toMillis() + " ms left";
        return "'" + owner + "' (priority " + priority + ", token " + token + ", " + left + ")";
    }
}

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
 * @param remaining how long the lease has left, by the store's clock
 */
public record LockState(LockKey key, String owner, int priority, long token, int holds, Duration remaining) {

    @Override
    public String toString() {
        return "'" + owner + "' (priority " + priority + ", token " + token + ", " + remaining.toMillis() + " ms left)";
    }
}

package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.time.Instant;

/**
 * A held lock, as the {@code locks} endpoint shows it.
 *
 * @param key the lock's key, {@code namespace:id}
 * @param namespace the key's namespace
 * @param id the key's id
 * @param owner who holds it
 * @param priority the holder's priority
 * @param token the holder's fencing token
 * @param holds how many times the owner holds it (reentrant acquisitions)
 * @param remaining how long the lease has left, by the store's clock when it was read
 * @param expiresAt when the lease runs out, estimated with this application's clock from {@code remaining}
 */
public record LockDescriptor(
        String key,
        String namespace,
        String id,
        String owner,
        int priority,
        long token,
        int holds,
        Duration remaining,
        Instant expiresAt) {

    /**
     * Describe a lock the store reported.
     *
     * @param state what the store knows
     * @param now this application's time when the store answered
     * @return the descriptor
     */
    public static LockDescriptor of(LockState state, Instant now) {
        return new LockDescriptor(
                state.key().toString(),
                state.key().namespace(),
                state.key().id(),
                state.owner(),
                state.priority(),
                state.token(),
                state.holds(),
                state.remaining(),
                now.plus(state.remaining()));
    }
}

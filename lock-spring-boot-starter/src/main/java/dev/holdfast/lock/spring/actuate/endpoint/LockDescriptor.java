package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A held lock, as the {@code locks} endpoint shows it.
 *
 * @param key the lock's key, {@code namespace:id}
 * @param namespace the key's namespace
 * @param id the key's id
 * @param kind {@code lock} for a lock of the store (a handle is one too), {@code offline} for an offline lock
 * @param owner who holds it
 * @param priority the holder's priority
 * @param token the holder's fencing token
 * @param holds how many times the owner holds it (reentrant acquisitions)
 * @param remaining how long the lease has left, by the store's clock when it was read
 * @param expiresAt when the lease runs out, estimated with this application's clock from {@code remaining};
 *     {@code null} for a lock that never expires
 */
public record LockDescriptor(
        String key,
        String namespace,
        String id,
        String kind,
        String owner,
        int priority,
        long token,
        int holds,
        Duration remaining,
        @Nullable Instant expiresAt)
        implements HeldDescriptor {

    /**
     * Describe a lock of the template's store.
     *
     * @param state what the store knows
     * @param now this application's time when the store answered
     * @return the descriptor
     */
    public static LockDescriptor of(LockState state, Instant now) {
        return of(LockKind.LOCK, state, now);
    }

    /**
     * Describe a lock of some kind.
     *
     * @param kind the kind, such as {@link LockKind#OFFLINE}
     * @param state what its store knows
     * @param now this application's time when the store answered
     * @return the descriptor
     */
    public static LockDescriptor of(LockKind kind, LockState state, Instant now) {
        return new LockDescriptor(
                state.key().toString(),
                state.key().namespace(),
                state.key().id(),
                kind.value(),
                state.owner(),
                state.priority(),
                state.token(),
                state.holds(),
                state.remaining(),
                state.neverExpires() ? null : now.plus(state.remaining()));
    }
}

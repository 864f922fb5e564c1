package dev.holdfast.lock;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a lock, as told to {@link LockListener listeners}.
 *
 * @param key the lock
 * @param name the lock's metric name
 * @param store the store's name
 * @param owner who asked or held
 * @param priority the owner's priority
 * @param token the fencing token, or 0 when none was granted
 * @param other the other party: the holder that refused, or the holder that was displaced; {@code null} otherwise
 * @param elapsed how long the caller waited (acquired, not acquired, error) or held the lock (released, lost)
 * @param error the store's error, for {@link LockListener#onError} and {@link LockListener#onRenewalFailed}
 * @param reason why the lock was not granted (held, timed out while waiting, or missing), for
 *     {@link LockListener#onNotAcquired}; {@code null} otherwise
 */
public record LockEvent(
        LockKey key,
        String name,
        String store,
        String owner,
        int priority,
        long token,
        @Nullable LockState other,
        Duration elapsed,
        @Nullable Throwable error,
        LockResult.@Nullable Reason reason) {}

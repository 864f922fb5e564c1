package dev.holdfast.lock;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a lock, as told to {@link LockListener listeners}.
 *
 * @param key the lock
 * @param name the lock's metric name
 * @param store the store's name
 * @param kind which kind of lock: a lock, a handle, a semaphore's permits, a read or write hold, an offline lock
 * @param owner who asked or held
 * @param priority the owner's priority
 * @param token the fencing token, or 0 when none was granted
 * @param other the other party: the holder that refused, or the holder that was displaced; {@code null} otherwise
 * @param elapsed how long the caller waited (acquired, not acquired, error) or held the lock (released, lost); zero
 *     when not known (a handle's release, the start of an acquisition)
 * @param error the store's error, for {@link LockListener#onError} and {@link LockListener#onRenewalFailed}; the
 *     {@link LockLostException} naming why, for {@link LockListener#onLost}
 * @param reason why the lock was not granted (held, timed out while waiting, or missing), for
 *     {@link LockListener#onNotAcquired}; {@code null} otherwise
 */
public record LockEvent(
        LockKey key,
        String name,
        String store,
        LockKind kind,
        String owner,
        int priority,
        long token,
        @Nullable LockState other,
        Duration elapsed,
        @Nullable Throwable error,
        LockResult.@Nullable Reason reason) {}

package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;

/**
 * One acquire call to a store.
 *
 * @param key the lock
 * @param owner who asks
 * @param priority the asker's priority
 * @param lease how long the grant lasts, by the store's clock: validated as {@link LockRequest#validateLease}, so
 *     {@link LockStore#leaseMillis(Duration)} never overflows
 * @param mode how a held lock is treated
 */
public record AcquireCommand(LockKey key, String owner, int priority, Duration lease, AcquireMode mode) {

    public AcquireCommand {
        if (key == null || owner == null || mode == null) {
            throw new IllegalArgumentException("Acquire command needs a key, an owner and a mode, but was [" + key
                    + ", " + owner + ", " + mode + "]");
        }
        LockRequest.validateLease(key, "lease", lease);
    }
}

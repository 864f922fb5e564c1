package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;

/**
 * One lease to renew.
 *
 * @param key the lock
 * @param owner the holder
 * @param token the holder's fencing token, or {@link LockStore#ANY_TOKEN} to check the owner only
 * @param lease the new lease, from now by the store's clock, validated as {@link LockRequest#validateLease}
 */
public record RenewCommand(LockKey key, String owner, long token, Duration lease) {

    public RenewCommand {
        if (key == null || owner == null) {
            throw new IllegalArgumentException(
                    "Renew command needs a key and an owner, but was [" + key + ", " + owner + "]");
        }
        LockRequest.validateLease(key, "lease", lease);
    }
}

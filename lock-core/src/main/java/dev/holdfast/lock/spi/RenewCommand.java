package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import java.time.Duration;

/**
 * One lease to renew.
 *
 * @param key the lock
 * @param owner the holder
 * @param token the holder's fencing token, or {@link LockStore#ANY_TOKEN} to check the owner only
 * @param lease the new lease, from now by the store's clock
 */
public record RenewCommand(LockKey key, String owner, long token, Duration lease) {}

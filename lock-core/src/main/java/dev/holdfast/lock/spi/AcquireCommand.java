package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import java.time.Duration;

/**
 * One acquire call to a store.
 *
 * @param key the lock
 * @param owner who asks
 * @param priority the asker's priority
 * @param lease how long the grant lasts, by the store's clock
 * @param mode how a held lock is treated
 */
public record AcquireCommand(LockKey key, String owner, int priority, Duration lease, AcquireMode mode) {}

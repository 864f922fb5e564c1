package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.SemaphoreKind;
import java.time.Duration;

/**
 * One acquire of permits: some of a semaphore's, or a read/write lock's read (shared) or write (exclusive) hold.
 *
 * @param key the semaphore or read/write lock
 * @param kind which of the two
 * @param owner who asks
 * @param priority the asker's priority: it may displace holders of lower priority when the semaphore is full
 * @param permits how many permits, at least one (a read/write lock's grants hold one)
 * @param exclusive whether the grant must exclude every other (a writer) rather than share (permits, a reader)
 * @param lease how long the grant lasts, by the store's clock, validated as {@link LockRequest#validateLease}
 * @param mode {@link AcquireMode#LOCK}, or {@link AcquireMode#CLAIM} to take the permits whoever holds them
 * @param createSize the size to create a missing semaphore with, or 0 to refuse when it does not exist
 * @param fair whether a semaphore created by this command serves its waiters in arrival order
 */
public record PermitCommand(
        LockKey key,
        SemaphoreKind kind,
        String owner,
        int priority,
        int permits,
        boolean exclusive,
        Duration lease,
        AcquireMode mode,
        int createSize,
        boolean fair) {

    public PermitCommand {
        if (key == null || kind == null || owner == null || mode == null) {
            throw new IllegalArgumentException("Permit command needs a key, a kind, an owner and a mode, but was ["
                    + key + ", " + kind + ", " + owner + ", " + mode + "]");
        }
        if (permits < 1) {
            throw new IllegalArgumentException(
                    "Semaphore [" + key + "] permits must be at least 1, but was " + permits);
        }
        if (createSize < 0) {
            throw new IllegalArgumentException(
                    "Semaphore [" + key + "] size to create must not be negative, but was " + createSize);
        }
        if (mode == AcquireMode.CREATE) {
            throw new IllegalArgumentException("Semaphore [" + key + "] permits are taken with LOCK or CLAIM");
        }
        LockRequest.validateLease(key, "lease", lease);
    }
}

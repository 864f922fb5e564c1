package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockRequest;
import java.time.Duration;

/**
 * Lease and wait of {@link Locked} methods that name none.
 *
 * @param lease how long a grant lasts unless renewed, at least one millisecond
 * @param waitTime how long to wait for another holder, zero or more
 */
public record LockedDefaults(Duration lease, Duration waitTime) {

    public LockedDefaults {
        if (lease == null || lease.compareTo(LockRequest.MIN_LEASE) < 0) {
            throw new IllegalArgumentException("Default lease of @Locked methods must be at least "
                    + LockRequest.MIN_LEASE + ", but was " + lease);
        }
        if (waitTime == null || waitTime.isNegative()) {
            throw new IllegalArgumentException(
                    "Default wait of @Locked methods must not be negative, but was " + waitTime);
        }
    }
}

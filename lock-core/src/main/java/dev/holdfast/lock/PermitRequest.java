package dev.holdfast.lock;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to take permits of a {@link LeasedSemaphore}, or a read or write hold of a {@link LeasedReadWriteLock}: the
 * permit-taking twin of {@link LockRequest}, with the same rules for owners, leases and waits.
 *
 * @param name the low-cardinality name used to tag metrics; empty for the semaphore's namespace
 * @param owner who asks; {@code null} lets the template use its default owner for the calling thread
 * @param priority a higher priority may displace holders of lower priority when the semaphore is full
 * @param permits how many permits to take at once, all or nothing (a read/write lock's holds take one)
 * @param lease how long the grant lasts unless renewed, by the store's clock, as {@link LockRequest#lease()}
 * @param waitTime how long to wait for permits, as {@link LockRequest#waitTime()}
 * @param autoRenew whether the watchdog renews the lease while it is held
 * @param createSize the size to create the semaphore with when it does not exist, or 0 to be refused then
 * @param fair whether a semaphore this request creates serves its waiters in arrival order
 */
public record PermitRequest(
        String name,
        @Nullable String owner,
        int priority,
        int permits,
        Duration lease,
        Duration waitTime,
        boolean autoRenew,
        int createSize,
        boolean fair) {

    public PermitRequest {
        name = (name == null) ? "" : name;
        if (permits < 1) {
            throw new IllegalArgumentException("Permits must be at least 1, but were " + permits);
        }
        if (createSize < 0) {
            throw new IllegalArgumentException("Semaphore size to create must not be negative, but was " + createSize);
        }
        Object subject = (owner != null) ? owner : "permits";
        LockRequest.validateLease(subject, "lease", lease);
        if (waitTime == null
                || waitTime.isNegative()
                || (waitTime.compareTo(LockRequest.MAX_WAIT) > 0 && !LockRequest.isForever(waitTime))) {
            throw new IllegalArgumentException("Permit wait must be from PT0S to " + LockRequest.MAX_WAIT
                    + " (or LockRequest.FOREVER to wait until granted), but was " + waitTime);
        }
    }

    /**
     * Start a request for permits with the defaults: one permit, no owner (the template's per-thread owner),
     * priority 0, the default lease, no wait, auto-renew on, no creation.
     *
     * @param permits how many permits
     * @return a builder
     */
    public static Builder permits(int permits) {
        return new Builder().permits(permits);
    }

    /**
     * Start a request for one permit (or a read or write hold) with the defaults of {@link #permits(int)}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PermitRequest}; not thread-safe. */
    public static final class Builder {

        private String name = "";

        private @Nullable String owner;

        private int priority;

        private int permits = 1;

        private Duration lease = LockRequest.DEFAULT_LEASE;

        private Duration waitTime = LockRequest.DEFAULT_WAIT;

        private boolean autoRenew = true;

        private int createSize;

        private boolean fair;

        private Builder() {}

        /**
         * Set the metric name.
         *
         * @param name a static, low-cardinality name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Set the owner.
         *
         * @param owner who asks
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Set the priority.
         *
         * @param priority higher may displace lower when the semaphore is full
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Set how many permits to take at once.
         *
         * @param permits at least one
         * @return this builder
         */
        public Builder permits(int permits) {
            this.permits = permits;
            return this;
        }

        /**
         * Set the lease.
         *
         * @param lease how long a grant lasts unless renewed
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * Set how long to wait for permits.
         *
         * @param waitTime zero to try once
         * @return this builder
         */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime;
            return this;
        }

        /**
         * Wait until granted (or interrupted).
         *
         * @return this builder
         */
        public Builder waitUntilGranted() {
            this.waitTime = LockRequest.FOREVER;
            return this;
        }

        /**
         * Set whether the watchdog renews the lease while it is held.
         *
         * @param autoRenew whether to renew
         * @return this builder
         */
        public Builder autoRenew(boolean autoRenew) {
            this.autoRenew = autoRenew;
            return this;
        }

        /**
         * Create the semaphore with this size if it does not exist (by default a missing semaphore refuses).
         *
         * @param size the size, at least one
         * @param fair whether waiters are served in arrival order
         * @return this builder
         */
        public Builder createIfMissing(int size, boolean fair) {
            if (size < 1) {
                throw new IllegalArgumentException("Semaphore size to create must be at least 1, but was " + size);
            }
            this.createSize = size;
            this.fair = fair;
            return this;
        }

        /**
         * Build the request, validating it.
         *
         * @return the request
         */
        public PermitRequest build() {
            return new PermitRequest(name, owner, priority, permits, lease, waitTime, autoRenew, createSize, fair);
        }
    }
}

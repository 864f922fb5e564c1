package dev.holdfast.lock;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What to lock and how: the input to {@link LockTemplate#acquire(LockRequest)} and its siblings.
 *
 * @param key the lock
 * @param name the low-cardinality name used to tag metrics; defaults to the key's namespace
 * @param owner who asks; {@code null} lets the template use its default owner for the calling thread
 * @param priority a higher priority preempts a holder with a lower one
 * @param lease how long the grant lasts unless renewed, by the store's clock
 * @param waitTime how long to wait for a holder to let go; zero to try once
 * @param autoRenew whether the watchdog renews the lease while it is held
 */
public record LockRequest(
        LockKey key,
        String name,
        @Nullable String owner,
        int priority,
        Duration lease,
        Duration waitTime,
        boolean autoRenew) {

    /** Longest owner accepted. */
    public static final int MAX_OWNER_LENGTH = 256;

    /** Shortest lease accepted. */
    public static final Duration MIN_LEASE = Duration.ofMillis(1);

    public LockRequest {
        if (key == null) {
            throw new IllegalArgumentException("Lock key must not be null");
        }
        if (name == null || name.isBlank()) {
            name = key.namespace();
        }
        if (owner != null) {
            validateOwner(key, owner);
        }
        if (lease == null || lease.compareTo(MIN_LEASE) < 0) {
            throw new IllegalArgumentException(
                    "Lock [" + key + "] lease must be at least " + MIN_LEASE + ", but was " + lease);
        }
        if (waitTime == null || waitTime.isNegative()) {
            throw new IllegalArgumentException("Lock [" + key + "] wait must not be negative, but was " + waitTime);
        }
    }

    /**
     * Start a request for a key with the defaults: no owner (the template's per-thread owner), priority 0, a lease
     * of 30 seconds, no wait, auto-renew on.
     *
     * @param key the lock
     * @return a builder
     */
    public static Builder of(LockKey key) {
        return new Builder(key);
    }

    /**
     * Start a request for {@code namespace:id} with the defaults of {@link #of(LockKey)}.
     *
     * @param namespace the namespace
     * @param id the id
     * @return a builder
     */
    public static Builder of(String namespace, Object id) {
        return new Builder(LockKey.of(namespace, id));
    }

    /**
     * Return a copy of this request with the given owner.
     *
     * @param owner the owner
     * @return the new request
     */
    public LockRequest withOwner(String owner) {
        return new LockRequest(key, name, owner, priority, lease, waitTime, autoRenew);
    }

    static void validateOwner(LockKey key, @Nullable String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("Lock [" + key + "] owner must not be blank, but was [" + owner + "]");
        }
        if (owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("Lock [" + key + "] owner [" + owner.substring(0, 32)
                    + "…] is longer than " + MAX_OWNER_LENGTH + " characters");
        }
    }

    /** Builds a {@link LockRequest}; not thread-safe. */
    public static final class Builder {

        private final LockKey key;

        private @Nullable String name;

        private @Nullable String owner;

        private int priority;

        private Duration lease = Duration.ofSeconds(30);

        private Duration waitTime = Duration.ZERO;

        private boolean autoRenew = true;

        private Builder(LockKey key) {
            this.key = key;
        }

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
         * @param priority higher preempts lower
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
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
         * Set how long to wait for the lock.
         *
         * @param waitTime zero to try once
         * @return this builder
         */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime;
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
         * Build the request, validating it.
         *
         * @return the request
         * @throws IllegalArgumentException naming the lock and the value at fault
         */
        public LockRequest build() {
            return new LockRequest(
                    key, (name != null) ? name : key.namespace(), owner, priority, lease, waitTime, autoRenew);
        }
    }
}

package dev.holdfast.lock;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * What to lock and how: the input to {@link LockTemplate#acquire(LockRequest)} and its siblings.
 *
 * @param key the lock
 * @param name the low-cardinality name used to tag metrics; defaults to the key's namespace
 * @param owner who asks; {@code null} lets the template use its default owner for the calling thread
 * @param priority a higher priority preempts a holder with a lower one
 * @param lease how long the grant lasts unless renewed, by the store's clock: from {@link #MIN_LEASE} to
 *     {@link #MAX_LEASE}, or {@link #FOREVER} for a lock that never expires
 * @param waitTime how long to wait for a holder to let go: zero to try once, up to {@link #MAX_WAIT}, or
 *     {@link #FOREVER} to wait until granted
 * @param autoRenew whether the watchdog renews the lease while it is held
 * @param onlyIfExists whether the request is refused at once, {@link LockResult.Reason#MISSING}, when nobody holds the
 *     lock as it is made (a lock exists while it is held); see {@link Builder#onlyIfExists()}
 */
public record LockRequest(
        LockKey key,
        String name,
        @Nullable String owner,
        int priority,
        Duration lease,
        Duration waitTime,
        boolean autoRenew,
        boolean onlyIfExists) {

    /** Longest owner accepted, in UTF-16 code units ({@link String#length()}), for every kind of lock. */
    public static final int MAX_OWNER_LENGTH = 255;

    /** Shortest lease accepted. */
    public static final Duration MIN_LEASE = Duration.ofMillis(1);

    /** Longest finite lease accepted: 365 days. Longer is {@link #FOREVER}. */
    public static final Duration MAX_LEASE = Duration.ofDays(365);

    /** Longest finite wait accepted: 365 days. Longer is {@link #FOREVER}. */
    public static final Duration MAX_WAIT = Duration.ofDays(365);

    /** Lease of a request that names none: 30 seconds. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** Wait of a request that names none: zero, try once. */
    public static final Duration DEFAULT_WAIT = Duration.ZERO;

    /**
     * The unbounded duration ({@link ChronoUnit#FOREVER}): as a lease, a lock that never expires (only a release, a
     * claim or an operator frees it); as a wait, waiting until granted.
     */
    public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

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
        validateLease(key, "lease", lease);
        if (waitTime == null
                || waitTime.isNegative()
                || (waitTime.compareTo(MAX_WAIT) > 0 && !waitTime.equals(FOREVER))) {
            throw new IllegalArgumentException("Lock [" + key + "] wait must be from PT0S to " + MAX_WAIT
                    + " (or LockRequest.FOREVER to wait until granted), but was " + waitTime);
        }
    }

    /**
     * Create a request that may take a free lock (not {@linkplain Builder#onlyIfExists() only if it exists}).
     *
     * @param key the lock
     * @param name the metric name; blank for the key's namespace
     * @param owner who asks, or {@code null} for the template's default owner
     * @param priority a higher priority preempts a holder with a lower one
     * @param lease how long the grant lasts unless renewed
     * @param waitTime how long to wait for a holder to let go
     * @param autoRenew whether the watchdog renews the lease while it is held
     */
    public LockRequest(
            LockKey key,
            String name,
            @Nullable String owner,
            int priority,
            Duration lease,
            Duration waitTime,
            boolean autoRenew) {
        this(key, name, owner, priority, lease, waitTime, autoRenew, false);
    }

    /**
     * Return whether a duration is {@link #FOREVER}.
     *
     * @param duration a lease or a wait
     * @return {@code true} for the unbounded form
     */
    public static boolean isForever(Duration duration) {
        return FOREVER.equals(duration);
    }

    /**
     * Start a request for a key with the defaults: no owner (the template's per-thread owner), priority 0, a lease
     * of {@link #DEFAULT_LEASE} (30 seconds), no wait ({@link #DEFAULT_WAIT}), auto-renew on.
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
        return new LockRequest(key, name, owner, priority, lease, waitTime, autoRenew, onlyIfExists);
    }

    /**
     * Check an owner: not blank, at most {@link #MAX_OWNER_LENGTH} characters, well-formed Unicode. Used by every kind
     * of lock that takes an owner, so that one owner is valid everywhere or nowhere.
     *
     * @param key the lock (or locks), for the message
     * @param owner the owner
     * @throws IllegalArgumentException naming the lock and the value
     */
    public static void validateOwner(Object key, @Nullable String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("Lock [" + key + "] owner must not be blank, but was [" + owner + "]");
        }
        if (owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("Lock [" + key + "] owner [" + owner.substring(0, 32)
                    + "…] is longer than " + MAX_OWNER_LENGTH + " characters");
        }
        int bad = LockKey.malformedAt(owner);
        if (bad >= 0) {
            throw new IllegalArgumentException("Lock [" + key + "] owner [" + LockKey.escaped(owner)
                    + "] is not well-formed Unicode: lone surrogate at index " + bad);
        }
    }

    /**
     * Check a lease: from {@link #MIN_LEASE} to {@link #MAX_LEASE}, or {@link #FOREVER}. Used by everything that
     * hands a lease to a store, so that nothing is written before the lease is known to be valid.
     *
     * @param key the lock, for the message
     * @param what what the duration is ({@code lease}, {@code ttl})
     * @param lease the duration
     * @throws IllegalArgumentException naming the lock and the value
     */
    public static void validateLease(Object key, String what, @Nullable Duration lease) {
        if (lease == null
                || lease.compareTo(MIN_LEASE) < 0
                || (lease.compareTo(MAX_LEASE) > 0 && !lease.equals(FOREVER))) {
            throw new IllegalArgumentException("Lock [" + key + "] " + what + " must be from " + MIN_LEASE + " to "
                    + MAX_LEASE + " (or LockRequest.FOREVER: never expires), but was " + lease);
        }
    }

    /** Check a minimum hold: from zero to {@link #MAX_LEASE}. */
    static void validateMinHold(Object key, @Nullable Duration minHold) {
        if (minHold == null || minHold.isNegative() || minHold.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException(
                    "Lock [" + key + "] minimum hold must be from PT0S to " + MAX_LEASE + ", but was " + minHold);
        }
    }

    /** Builds a {@link LockRequest}; not thread-safe. */
    public static final class Builder {

        private final LockKey key;

        private @Nullable String name;

        private @Nullable String owner;

        private int priority;

        private Duration lease = DEFAULT_LEASE;

        private Duration waitTime = DEFAULT_WAIT;

        private boolean autoRenew = true;

        private boolean onlyIfExists;

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
         * @param lease how long a grant lasts unless renewed, from {@link #MIN_LEASE} to {@link #MAX_LEASE}, or
         *     {@link #FOREVER}
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * Make the lock never expire: it stays until released, claimed or force-released (no renewal needed).
         *
         * @return this builder
         */
        public Builder neverExpires() {
            this.lease = FOREVER;
            return this;
        }

        /**
         * Set how long to wait for the lock.
         *
         * @param waitTime zero to try once, at most {@link #MAX_WAIT}, or {@link #FOREVER}
         * @return this builder
         */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime;
            return this;
        }

        /**
         * Wait until the lock is granted (or the thread is interrupted).
         *
         * @return this builder
         */
        public Builder waitUntilGranted() {
            this.waitTime = FOREVER;
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
         * Take the lock only if it exists: a lock exists while someone holds it, so the request is refused at once,
         * with {@link LockResult.Reason#MISSING}, when nobody holds it as the request is made, and otherwise waits
         * and is granted as any request (the holder's release may grant it; so may a holder's release between the
         * check and the first attempt: existence is judged once, when the request is made). The counterpart of a
         * {@link PermitRequest} without {@link PermitRequest.Builder#createIfMissing}: for taking over from a holder,
         * never starting the work a held lock stands for. Claims ask too: a claim of a free lock is refused.
         *
         * @return this builder
         */
        public Builder onlyIfExists() {
            this.onlyIfExists = true;
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
                    key,
                    (name != null) ? name : key.namespace(),
                    owner,
                    priority,
                    lease,
                    waitTime,
                    autoRenew,
                    onlyIfExists);
        }
    }
}

package dev.holdfast.lock.concurrent;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A factory of {@link HoldfastLock}s, one per key of a namespace, in the manner of Spring Integration's
 * {@code LockRegistry}: {@code obtain(key)} gives the {@link java.util.concurrent.locks.Lock} of {@code namespace:key}.
 *
 * <p>The locks are held by threads: each acquisition asks the store for the lock under the operations' default owner,
 * which is unique per thread and per template, so two threads exclude each other (in this process as across
 * processes) while a thread that locks again re-enters, the store counting the holds. This registry keeps the leases
 * each thread holds, per key, so any lock obtained from it for the same key (they are equal) unlocks what another
 * locked on the same thread. It keeps nothing for a key nobody holds. Thread-safe.
 */
public final class HoldfastLocks {

    private final LockOperations operations;

    private final String namespace;

    private final Duration lease;

    private final boolean autoRenew;

    private final Map<Holder, Deque<Lease>> holds = new ConcurrentHashMap<>();

    private HoldfastLocks(Builder builder) {
        this.operations = builder.operations;
        this.namespace = builder.namespace;
        this.lease = builder.lease;
        this.autoRenew = builder.autoRenew;
    }

    /**
     * Create a registry of the locks of a namespace with the defaults: a lease of {@link LockRequest#DEFAULT_LEASE},
     * renewed by the watchdog while held.
     *
     * @param operations the locks, usually the application's {@link LockTemplate}
     * @param namespace the namespace of every key, such as {@code orders}
     * @return the registry
     */
    public static HoldfastLocks of(LockOperations operations, String namespace) {
        return builder(operations, namespace).build();
    }

    /**
     * Start building a registry of the locks of a namespace.
     *
     * @param operations the locks, usually the application's {@link LockTemplate}
     * @param namespace the namespace of every key, such as {@code orders}
     * @return a builder
     */
    public static Builder builder(LockOperations operations, String namespace) {
        return new Builder(operations, namespace);
    }

    /**
     * Return the lock of {@code namespace:key}.
     *
     * @param key the lock's id: any object whose {@code toString()} is the id
     * @return the lock, equal to every other lock of this registry for the same key
     * @throws IllegalArgumentException when the key makes no valid {@link LockKey}
     */
    public HoldfastLock obtain(Object key) {
        return new HoldfastLock(this, LockKey.of(namespace, key));
    }

    /**
     * Return the namespace of this registry's keys.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Return the lease of an acquisition that names none.
     *
     * @return the lease
     */
    public Duration lease() {
        return lease;
    }

    /**
     * Return whether the watchdog renews the leases while they are held.
     *
     * @return whether leases are renewed
     */
    public boolean autoRenew() {
        return autoRenew;
    }

    /**
     * Ask for a lock for the calling thread; a grant becomes its innermost hold and its current lease.
     *
     * @return whether granted
     * @throws dev.holdfast.lock.LockInterruptedException when interrupted while waiting
     */
    boolean acquire(LockKey key, Duration wait, Duration lease) {
        LockRequest request = LockRequest.of(key)
                .lease(lease)
                .waitTime(wait)
                .autoRenew(autoRenew)
                .build();
        LockResult result = operations.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            return false;
        }
        holds.computeIfAbsent(new Holder(key, Thread.currentThread()), (holder) -> new ArrayDeque<>())
                .push(acquired.lease());
        LockTemplate.bindCurrentLease(acquired.lease());
        return true;
    }

    /**
     * Release the calling thread's innermost hold of a lock.
     *
     * @throws IllegalMonitorStateException when the calling thread holds the lock through no lock of this registry
     * @throws LockLostException when the lease had been lost (the hold is gone all the same)
     * @throws dev.holdfast.lock.LockStoreException when the store cannot answer (the hold is kept: unlock again)
     */
    void release(LockKey key) {
        Holder holder = new Holder(key, Thread.currentThread());
        Deque<Lease> leases = holds.get(holder);
        Lease lease = (leases != null) ? leases.peek() : null;
        if (lease == null) {
            throw new IllegalMonitorStateException("Lock [" + key + "] is not held by thread '"
                    + Thread.currentThread().getName() + "': only the thread that locked it may unlock it");
        }
        try {
            lease.close();
        } catch (LockLostException ex) {
            forget(holder, leases, lease);
            throw ex;
        }
        forget(holder, leases, lease);
    }

    /** Return the calling thread's innermost lease of a lock. */
    Optional<Lease> current(LockKey key) {
        Deque<Lease> leases = holds.get(new Holder(key, Thread.currentThread()));
        return Optional.ofNullable((leases != null) ? leases.peek() : null);
    }

    /** Return how many holds of a lock the calling thread has through this registry. */
    int holdCount(LockKey key) {
        Deque<Lease> leases = holds.get(new Holder(key, Thread.currentThread()));
        return (leases != null) ? leases.size() : 0;
    }

    private void forget(Holder holder, Deque<Lease> leases, Lease lease) {
        leases.pop();
        if (leases.isEmpty()) {
            holds.remove(holder);
        }
        LockTemplate.unbindCurrentLease(lease);
    }

    @Override
    public String toString() {
        return "HoldfastLocks[" + namespace + ", store '" + operations.storeName() + "']";
    }

    /** Whose holds: one thread's of one lock (only that thread changes them). */
    private record Holder(LockKey key, Thread thread) {}

    /** Builds {@link HoldfastLocks}; not thread-safe. */
    public static final class Builder {

        private final LockOperations operations;

        private final String namespace;

        private Duration lease = LockRequest.DEFAULT_LEASE;

        private boolean autoRenew = true;

        private Builder(@Nullable LockOperations operations, @Nullable String namespace) {
            if (operations == null) {
                throw new IllegalArgumentException(
                        "Lock operations of the locks of [" + namespace + "] must not be null");
            }
            new LockKey(namespace, "*"); // rejects a namespace no key can have, naming it
            this.operations = operations;
            this.namespace = namespace;
        }

        /**
         * Set the lease of an acquisition that names none.
         *
         * @param lease from {@link LockRequest#MIN_LEASE} to {@link LockRequest#MAX_LEASE}
         * @return this builder
         * @throws IllegalArgumentException naming the namespace and the value
         */
        public Builder lease(Duration lease) {
            LockRequest.validateLease(namespace + ":*", "lease", lease);
            this.lease = lease;
            return this;
        }

        /**
         * Set whether the watchdog renews the leases while they are held (on by default); without it a lock held
         * longer than its lease is lost, and the unlock says so.
         *
         * @param autoRenew whether to renew
         * @return this builder
         */
        public Builder autoRenew(boolean autoRenew) {
            this.autoRenew = autoRenew;
            return this;
        }

        /**
         * Build the registry.
         *
         * @return the registry
         */
        public HoldfastLocks build() {
            return new HoldfastLocks(this);
        }
    }
}

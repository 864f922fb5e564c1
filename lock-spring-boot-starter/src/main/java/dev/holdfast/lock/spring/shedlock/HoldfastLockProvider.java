package dev.holdfast.lock.spring.shedlock;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * ShedLock's {@code LockProvider} over Holdfast's locks: a lock of ShedLock's name {@code n} is the Holdfast lock
 * {@code namespace:n}.
 *
 * <p>How ShedLock's settings map: {@code lockAtMostFor} is the lease; with keep-alive (the default) the watchdog
 * renews it while the task runs, so it bounds only a lock whose instance died, as ShedLock's own
 * {@code KeepAliveLockProvider} does; without keep-alive it bounds the lock however long the task runs, as ShedLock's
 * stores do. {@code lockAtLeastFor} is the minimum hold: the unlock of a task that ran shorter leaves the lock to
 * expire at {@code lockAtLeastFor} after the grant ({@link dev.holdfast.lock.Lease#releaseAfter}).
 * {@link SimpleLock#extend} renews the lease by the new {@code lockAtMostFor}. Every {@code lock} call is a holder of
 * its own (ShedLock's locks are not re-entrant), and the lock name is the metric name, as in ShedLock's own metrics.
 *
 * <p>What it adds: from {@code lock} to {@code unlock} on the task's thread (as ShedLock's executor and
 * {@code @SchedulerLock} call them) the lease is the thread's {@link LockTemplate#currentLease()}, whose fencing token
 * the task hands to what it writes; the template's listeners and metrics see every lock; and a lease lost before the
 * task finished makes {@code unlock} throw {@link dev.holdfast.lock.LockLostException}, where ShedLock's stores say
 * nothing. Thread-safe.
 */
public final class HoldfastLockProvider implements ExtensibleLockProvider {

    /** Namespace of ShedLock's locks when none is named. */
    public static final String DEFAULT_NAMESPACE = "shedlock";

    private final LockOperations operations;

    private final String namespace;

    private final boolean keepAlive;

    private final AtomicLong acquisitions = new AtomicLong();

    /**
     * Create a provider with the default namespace and keep-alive.
     *
     * @param operations the locks, usually the application's {@link LockTemplate}
     */
    public HoldfastLockProvider(LockOperations operations) {
        this(operations, DEFAULT_NAMESPACE, true);
    }

    /**
     * Create a provider.
     *
     * @param operations the locks, usually the application's {@link LockTemplate}
     * @param namespace the namespace of ShedLock's lock names
     * @param keepAlive whether the watchdog renews a lock while its task runs
     * @throws IllegalArgumentException when the namespace is not a valid lock namespace
     */
    public HoldfastLockProvider(LockOperations operations, String namespace, boolean keepAlive) {
        if (operations == null) {
            throw new IllegalArgumentException(
                    "Lock operations of ShedLock's locks in [" + namespace + "] must not be " + "null");
        }
        new LockKey(namespace, "*"); // rejects a namespace no key can have, naming it
        this.operations = operations;
        this.namespace = namespace;
        this.keepAlive = keepAlive;
    }

    /**
     * Try once to take ShedLock's lock.
     *
     * @param configuration the lock's name, {@code lockAtMostFor} and {@code lockAtLeastFor}
     * @return the lock, or empty when another holder has it
     * @throws IllegalArgumentException when the name or {@code lockAtMostFor} cannot make a lock request
     * @throws dev.holdfast.lock.LockStoreException when the store cannot answer
     */
    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        LockRequest request = LockRequest.of(LockKey.of(namespace, configuration.getName()))
                .name(configuration.getName())
                .owner(operations.instanceId() + ":shedlock:" + acquisitions.incrementAndGet())
                .lease(configuration.getLockAtMostFor())
                .autoRenew(keepAlive)
                .build();
        if (!(operations.tryAcquire(request) instanceof LockResult.Acquired acquired)) {
            return Optional.empty();
        }
        long grantedNanos = System.nanoTime();
        LockTemplate.bindCurrentLease(acquired.lease());
        return Optional.of(new HoldfastSimpleLock(configuration, acquired.lease(), grantedNanos));
    }

    /**
     * Return the namespace of ShedLock's locks.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Return whether the watchdog renews a lock while its task runs.
     *
     * @return whether locks are kept alive
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public String toString() {
        return "HoldfastLockProvider[" + namespace + ", store '" + operations.storeName() + "', keep-alive " + keepAlive
                + "]";
    }
}

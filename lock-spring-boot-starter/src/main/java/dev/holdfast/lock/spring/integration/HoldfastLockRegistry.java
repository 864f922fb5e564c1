package dev.holdfast.lock.spring.integration;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.concurrent.HoldfastLock;
import dev.holdfast.lock.concurrent.HoldfastLocks;
import java.time.Duration;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.integration.support.locks.RenewableLockRegistry;

/**
 * Spring Integration's {@code LockRegistry} over Holdfast's locks: the same interfaces as {@code RedisLockRegistry}
 * and {@code JdbcLockRegistry}, so an application switches by replacing one bean, on any Holdfast store.
 *
 * <p>{@link #obtain(Object)} gives the lock of {@code namespace:key} (any key whose {@code toString()} is the id), held
 * by a thread as {@link HoldfastLock} describes. What it adds to Spring Integration's registries: leases renewed by
 * the watchdog while held (no renewal scheduler to set up), the fencing token of the holder through
 * {@link HoldfastDistributedLock#lease()} or {@link dev.holdfast.lock.LockTemplate#currentLease()}, and the template's
 * listeners and metrics. What stays as there: unlock by a thread that does not hold the lock throws
 * {@link IllegalMonitorStateException} (as {@code JdbcLockRegistry}), unlock of a lost lease throws
 * {@link java.util.ConcurrentModificationException}. There is no lock cache to expire: locks are cheap views, and
 * equal for equal keys. Thread-safe.
 */
public final class HoldfastLockRegistry
        implements ExpirableLockRegistry<DistributedLock>, RenewableLockRegistry<DistributedLock> {

    private final HoldfastLocks locks;

    /**
     * Create a registry over the locks of a {@link HoldfastLocks}.
     *
     * @param locks the locks, with their namespace and lease
     */
    public HoldfastLockRegistry(HoldfastLocks locks) {
        this.locks = locks;
    }

    /**
     * Create a registry over the locks of a namespace, with the default lease renewed while held.
     *
     * @param operations the locks, usually the application's {@link dev.holdfast.lock.LockTemplate}
     * @param namespace the namespace of every key
     */
    public HoldfastLockRegistry(LockOperations operations, String namespace) {
        this(HoldfastLocks.of(operations, namespace));
    }

    /**
     * Return the lock of a key.
     *
     * @param lockKey the key: any object whose {@code toString()} is the lock's id
     * @return the lock
     * @throws IllegalArgumentException when the key makes no valid lock key
     */
    @Override
    public HoldfastDistributedLock obtain(Object lockKey) {
        return new HoldfastDistributedLock(locks.obtain(lockKey));
    }

    /**
     * Extend the calling thread's lease of a lock by the registry's lease from now.
     *
     * @param lockKey the key
     * @throws IllegalStateException when the calling thread does not hold the lock, or its lease was lost
     */
    @Override
    public void renewLock(Object lockKey) {
        renewLock(lockKey, locks.lease());
    }

    /**
     * Extend the calling thread's lease of a lock by a time to live from now. The watchdog renews held leases in any
     * case; this is for a lease that must last longer than the registry's.
     *
     * @param lockKey the key
     * @param ttl the new time to live
     * @throws IllegalStateException when the calling thread does not hold the lock, or its lease was lost
     */
    @Override
    public void renewLock(Object lockKey, Duration ttl) {
        HoldfastLock lock = locks.obtain(lockKey);
        Lease lease = lock.lease()
                .orElseThrow(() -> new IllegalStateException(
                        "Lock [" + lock.key() + "] is not held by the current thread: only its holder may renew it"));
        if (!lease.renew(ttl)) {
            throw new IllegalStateException("Lock [" + lock.key() + "] (token " + lease.token()
                    + ") could not be renewed: its lease had been lost (expired, or another owner took the lock)");
        }
    }

    /**
     * Do nothing: this registry keeps no lock that no thread holds, so there is nothing to expire.
     *
     * @param age ignored
     */
    @Override
    public void expireUnusedOlderThan(long age) {}

    /**
     * Return the locks this registry hands out.
     *
     * @return the locks
     */
    public HoldfastLocks locks() {
        return locks;
    }

    @Override
    public String toString() {
        return "HoldfastLockRegistry[" + locks + "]";
    }
}

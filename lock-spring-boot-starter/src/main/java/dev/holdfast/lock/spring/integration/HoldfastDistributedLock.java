package dev.holdfast.lock.spring.integration;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.concurrent.HoldfastLock;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.support.locks.DistributedLock;

/**
 * The lock {@link HoldfastLockRegistry} hands out: a {@link HoldfastLock} as Spring Integration's
 * {@link DistributedLock}, with a time to live per acquisition. It behaves as {@link HoldfastLock} does, except that
 * {@link #unlock()} of a lease lost meanwhile throws {@link ConcurrentModificationException}, as Spring Integration's
 * own registries do (with the {@link LockLostException} as its cause). Thread-safe.
 */
public final class HoldfastDistributedLock implements DistributedLock {

    private final HoldfastLock lock;

    HoldfastDistributedLock(HoldfastLock lock) {
        this.lock = lock;
    }

    /**
     * Return the lock's key.
     *
     * @return the key
     */
    public LockKey key() {
        return lock.key();
    }

    @Override
    public void lock() {
        lock.lock();
    }

    /**
     * Wait until the lock is granted, with a time to live of its own (renewed by the watchdog while held).
     *
     * @param ttl how long the grant lasts unless renewed
     */
    @Override
    public void lock(Duration ttl) {
        lock.lock(ttl);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        lock.lockInterruptibly();
    }

    @Override
    public boolean tryLock() {
        return lock.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return lock.tryLock(time, unit);
    }

    /**
     * Wait for the lock up to a time, with a time to live of its own.
     *
     * @param waitTime the longest wait, zero to ask once
     * @param ttl how long the grant lasts unless renewed
     * @return whether granted
     * @throws InterruptedException when interrupted before or while waiting
     */
    @Override
    public boolean tryLock(Duration waitTime, Duration ttl) throws InterruptedException {
        return lock.tryLock(waitTime, ttl);
    }

    /**
     * Release the calling thread's innermost hold.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     * @throws ConcurrentModificationException when the lease had been lost meanwhile (the hold is gone all the same)
     */
    @Override
    public void unlock() {
        try {
            lock.unlock();
        } catch (LockLostException ex) {
            ConcurrentModificationException lost = new ConcurrentModificationException(ex.getMessage());
            lost.initCause(ex);
            throw lost;
        }
    }

    /**
     * Not supported, as {@link HoldfastLock#newCondition()}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Condition newCondition() {
        return lock.newCondition();
    }

    /**
     * Return whether the calling thread holds this lock, as {@link HoldfastLock#isHeldByCurrentThread()}.
     *
     * @return whether held by the calling thread
     */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Return the calling thread's innermost lease of this lock, with its fencing token.
     *
     * @return the lease, or empty when the calling thread does not hold the lock
     */
    public Optional<Lease> lease() {
        return lock.lease();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return (other instanceof HoldfastDistributedLock distributed) && distributed.lock.equals(lock);
    }

    @Override
    public int hashCode() {
        return lock.hashCode();
    }

    @Override
    public String toString() {
        return lock.toString();
    }
}

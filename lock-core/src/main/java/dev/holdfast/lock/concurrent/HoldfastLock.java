package dev.holdfast.lock.concurrent;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockInterruptedException;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * A Holdfast lock as a {@link Lock}, obtained from {@link HoldfastLocks#obtain(Object)}: held by a thread, excluding
 * every other thread of this and every other process, re-entrant for the thread that holds it.
 *
 * <p>The JDK's contract, point by point: {@link #lock()} waits until granted and is not interrupted (an interrupt
 * while it waits is kept for after the grant); {@link #lockInterruptibly()} and {@link #tryLock(long, TimeUnit)} throw
 * {@link InterruptedException} when interrupted before or while waiting, clearing the flag; {@link #tryLock()} asks
 * once; {@link #unlock()} by a thread that does not hold the lock throws {@link IllegalMonitorStateException}. What
 * a distributed lock adds: each hold is a {@link Lease}, renewed by the watchdog while held (unless the registry says
 * otherwise), and between {@code lock} and {@code unlock} it is the thread's {@link LockTemplate#currentLease()}, whose
 * token fences what the guarded code writes; {@link #unlock()} throws {@link dev.holdfast.lock.LockLostException}
 * when the lease was lost meanwhile (expired, preempted, claimed or force-released), so the code may have overlapped
 * another holder. A store that cannot answer throws {@link dev.holdfast.lock.LockStoreException} from every method,
 * never {@code false}. {@link #newCondition()} is not supported.
 *
 * <p>Locks of one registry for one key are equal and share their holds: a thread may unlock through any of them.
 * Thread-safe.
 */
public final class HoldfastLock implements Lock {

    private final HoldfastLocks locks;

    private final LockKey key;

    HoldfastLock(HoldfastLocks locks, LockKey key) {
        this.locks = locks;
        this.key = key;
    }

    /**
     * Return the lock's key.
     *
     * @return the key
     */
    public LockKey key() {
        return key;
    }

    /**
     * Wait until the lock is granted, with the registry's lease. Interrupts do not end the wait; one that came while
     * waiting leaves the interrupt flag set when this returns.
     *
     * @throws dev.holdfast.lock.LockStoreException when the store cannot answer
     */
    @Override
    public void lock() {
        lock(locks.lease());
    }

    /**
     * Wait until the lock is granted, with a lease of its own, as {@link #lock()}.
     *
     * @param lease how long the grant lasts unless renewed
     * @throws IllegalArgumentException when the lease is out of range, naming the lock
     */
    public void lock(Duration lease) {
        // lock() is not interruptible: an interrupt, pending or arriving while it waits, is cleared so that the wait
        // (and the store's client) goes on, and set again at the end.
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (locks.acquire(key, LockRequest.FOREVER, lease)) {
                        return;
                    }
                } catch (LockInterruptedException ex) {
                    interrupted |= Thread.interrupted();
                } catch (LockStoreException ex) {
                    if (!isInterrupt(ex)) {
                        throw ex;
                    }
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Wait until the lock is granted or the thread is interrupted.
     *
     * @throws InterruptedException when interrupted before or while waiting (the flag is cleared)
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        tryLock(LockRequest.FOREVER, locks.lease());
    }

    /**
     * Ask for the lock once.
     *
     * @return whether granted
     */
    @Override
    public boolean tryLock() {
        return locks.acquire(key, Duration.ZERO, locks.lease());
    }

    /**
     * Wait for the lock up to a time.
     *
     * @param time the longest wait; zero or less asks once, longer than {@link LockRequest#MAX_WAIT} waits until
     *     granted
     * @param unit the unit of {@code time}
     * @return whether granted
     * @throws InterruptedException when interrupted before or while waiting (the flag is cleared)
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return tryLock(waitOf(time, unit), locks.lease());
    }

    /**
     * Wait for the lock up to a time, with a lease of its own.
     *
     * @param waitTime the longest wait: zero asks once, {@link LockRequest#FOREVER} waits until granted
     * @param lease how long the grant lasts unless renewed
     * @return whether granted
     * @throws InterruptedException when interrupted before or while waiting (the flag is cleared)
     * @throws IllegalArgumentException when the wait or the lease is out of range, naming the lock
     */
    public boolean tryLock(Duration waitTime, Duration lease) throws InterruptedException {
        if (Thread.interrupted()) {
            throw interrupted(null);
        }
        try {
            return locks.acquire(key, waitTime, lease);
        } catch (LockInterruptedException ex) {
            Thread.interrupted();
            throw interrupted(ex);
        } catch (LockStoreException ex) {
            if (!isInterrupt(ex)) {
                throw ex;
            }
            Thread.interrupted();
            throw interrupted(ex);
        }
    }

    /**
     * Release the calling thread's innermost hold; the lock is free when its last hold is released.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     * @throws dev.holdfast.lock.LockLostException when the lease had been lost before this unlock (the hold is gone
     *     all the same)
     * @throws dev.holdfast.lock.LockStoreException when the store cannot answer (the hold is kept: unlock again)
     */
    @Override
    public void unlock() {
        locks.release(key);
    }

    /**
     * Not supported: a condition's await would have to give the lock up in the store and take it back when
     * signalled, across processes.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("Lock [" + key + "] offers no conditions: a distributed lock cannot "
                + "hand itself to a signalled thread; wait for the lock with tryLock(time, unit) instead");
    }

    /**
     * Return whether the calling thread holds this lock: it locked it, has not unlocked it, and its lease is held as
     * far as this process knows.
     *
     * @return whether held by the calling thread
     */
    public boolean isHeldByCurrentThread() {
        return lease().map(Lease::isHeld).orElse(false);
    }

    /**
     * Return how many times the calling thread holds this lock (re-entries count).
     *
     * @return the hold count, zero when not held
     */
    public int holdCount() {
        return locks.holdCount(key);
    }

    /**
     * Return the calling thread's innermost lease of this lock, with its fencing token.
     *
     * @return the lease, or empty when the calling thread does not hold the lock
     */
    public Optional<Lease> lease() {
        return locks.current(key);
    }

    /**
     * Return whether a store failure is an interrupt: the thread was interrupted during a call to the store's client
     * (which sets the flag again), rather than while waiting between calls.
     */
    private static boolean isInterrupt(LockStoreException failure) {
        if (!Thread.currentThread().isInterrupted()) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private InterruptedException interrupted(@Nullable Throwable cause) {
        InterruptedException ex = new InterruptedException("Interrupted while waiting for lock [" + key + "]");
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }

    private Duration waitOf(long time, TimeUnit unit) {
        if (time <= 0) {
            return Duration.ZERO;
        }
        Duration wait = Duration.ofNanos(unit.toNanos(time)); // toNanos saturates, far beyond MAX_WAIT
        return (wait.compareTo(LockRequest.MAX_WAIT) > 0) ? LockRequest.FOREVER : wait;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return (other instanceof HoldfastLock lock) && lock.locks == locks && lock.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "HoldfastLock[" + key + ", holds of this thread: " + holdCount() + "]";
    }
}

package dev.holdfast.lock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A granted lock: who holds it, its fencing token, and how to renew and release it.
 *
 * <p>Closing a lease releases it, so try-with-resources works. Renew and release never pretend: when the lease was
 * lost (expired, preempted, claimed or force-released) {@link #renew()} and {@link #release()} answer {@code false}
 * and {@link #close()} throws {@link LockLostException}. A lease is safe to use from several threads.
 */
public interface Lease extends AutoCloseable {

    /**
     * Return the lock.
     *
     * @return the key
     */
    LockKey key();

    /**
     * Return the metric name of the lock.
     *
     * @return the name
     */
    String name();

    /**
     * Return the holder.
     *
     * @return the owner
     */
    String owner();

    /**
     * Return the holder's priority.
     *
     * @return the priority
     */
    int priority();

    /**
     * Return the fencing token: hand it to what the guarded code writes, so that a stale holder's writes can be
     * refused.
     *
     * @return the token, strictly greater than every earlier grant's for this key
     */
    long token();

    /**
     * Return the lease duration asked for.
     *
     * @return the duration
     */
    Duration leaseTime();

    /**
     * Return how long the lease has left as far as this process knows: measured with {@link System#nanoTime()} from
     * the moment the last grant or renewal was asked for, so never later than the store's own expiry.
     *
     * @return the time left, zero when released, lost or run out
     */
    Duration remaining();

    /**
     * Return whether this lease is held as far as this process knows: not released, not reported lost, and its
     * local deadline (measured with {@link System#nanoTime()}) not passed.
     *
     * @return whether still held
     */
    boolean isHeld();

    /**
     * Extend the lease by its {@link #leaseTime()} from now.
     *
     * @return {@code true} when renewed, {@code false} when the lease was lost
     * @throws LockStoreException when the store cannot answer
     */
    boolean renew();

    /**
     * Extend the lease by {@code lease} from now.
     *
     * @param lease the new lease
     * @return {@code true} when renewed, {@code false} when the lease was lost
     * @throws LockStoreException when the store cannot answer
     */
    boolean renew(Duration lease);

    /**
     * Release this hold. Releasing twice is a no-op that answers {@code false}.
     *
     * @return {@code true} when released, {@code false} when already released or lost
     * @throws LockStoreException when the store cannot answer
     */
    boolean release();

    /**
     * Release this hold, but keep the lock taken in the store until {@code minHold} has passed since it was granted:
     * when less time has passed, the store's lease is cut to what is left and the lock then expires by itself, so no
     * other owner gets it sooner (the minimum hold of a scheduled job that must run once across instances). This
     * lease stops being renewed and counts as released here at once.
     *
     * @param minHold the shortest time the lock stays taken after the grant, zero or more
     * @return {@code true} when released (or left to expire), {@code false} when already released or lost
     * @throws IllegalArgumentException when {@code minHold} is negative
     * @throws LockStoreException when the store cannot answer
     */
    boolean releaseAfter(Duration minHold);

    /**
     * Release this hold, as {@link #release()}.
     *
     * @throws LockLostException when the lease had been lost before it was released
     */
    @Override
    void close();

    /**
     * Release this hold without blocking the caller, as {@link #close()} does: for reactive and asynchronous code.
     * Leases of {@link LockTemplate} send the release through the store's
     * {@link dev.holdfast.lock.spi.LockStore#releaseAsync} (no thread occupied on Redis over Lettuce; the blocking call
     * on {@code offload} for the database store); by default {@link #close()} runs on {@code offload}.
     *
     * @param offload where a blocking store call runs (a bounded executor)
     * @return completes once released, or with {@link LockLostException} when the lease had been lost, or with the
     *     store's failure
     */
    default CompletableFuture<Void> closeAsync(Executor offload) {
        return CompletableFuture.runAsync(this::close, offload);
    }
}

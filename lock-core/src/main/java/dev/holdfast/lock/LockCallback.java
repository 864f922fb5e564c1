package dev.holdfast.lock;

/**
 * Code to run while a lock is held.
 *
 * @param <T> the result type
 * @param <E> the exception the code may throw
 */
@FunctionalInterface
public interface LockCallback<T, E extends Throwable> {

    /**
     * Run with the lock held.
     *
     * @param lease the lease, whose token can be handed to what the code writes
     * @return the result
     * @throws E whatever the code throws
     */
    T doWithLock(Lease lease) throws E;
}

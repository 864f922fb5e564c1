package dev.holdfast.lock.redis;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;

/** Turns what went wrong with Redis into the {@link LockStoreException} that names the lock. */
final class RedisFailures {

    private RedisFailures() {}

    /**
     * Say that Redis failed during an operation on a lock.
     *
     * @param key the lock
     * @param what "acquired", "renewed", ...
     * @param ex what Redis or the driver threw (or the runner, when it cannot do what was asked); a
     *     {@link LockStoreException} is passed on as it is
     * @return the exception
     */
    static LockStoreException failure(LockKey key, String what, RuntimeException ex) {
        return failure("Lock", key, what, ex);
    }

    /**
     * Say that Redis failed during an operation on a lock, a semaphore or a read/write lock.
     *
     * @param subject what the key names: "Lock", "Semaphore", "Read/write lock"
     * @param key the key
     * @param what "acquired", "renewed", ...
     * @param ex what Redis or the driver threw; a {@link LockStoreException} is passed on as it is
     * @return the exception
     */
    static LockStoreException failure(String subject, LockKey key, String what, RuntimeException ex) {
        if (ex instanceof LockStoreException failure) {
            return failure;
        }
        String why = (ex instanceof UnsupportedOperationException)
                ? ex.getMessage()
                : "Redis failed (" + ex.getMessage() + ")";
        return new LockStoreException(subject + " [" + key + "] could not be " + what + ": " + why, ex);
    }

    /**
     * Say that a grant or renewal was made on the primary but not acknowledged by enough replicas.
     *
     * @param key the lock
     * @param what "granted to 'alice' (token 5)", "renewed"
     * @param acknowledged how many replicas acknowledged it
     * @param acks how many were asked for, within what time
     * @param outcome what became of it
     * @return the exception
     */
    static LockStoreException unreplicated(
            LockKey key, String what, long acknowledged, ReplicaAcks acks, String outcome) {
        return unreplicated("Lock", key, what, acknowledged, acks, outcome);
    }

    /**
     * Say that a grant or renewal of a lock, a semaphore or a read/write lock was made on the primary but not
     * acknowledged by enough replicas.
     *
     * @param subject what the key names: "Lock", "Semaphore", "Read/write lock"
     * @param key the key
     * @param what "granted to 'alice' (token 5)", "renewed"
     * @param acknowledged how many replicas acknowledged it
     * @param acks how many were asked for, within what time
     * @param outcome what became of it
     * @return the exception
     */
    static LockStoreException unreplicated(
            String subject, LockKey key, String what, long acknowledged, ReplicaAcks acks, String outcome) {
        return new LockStoreException(
                subject + " [" + key + "] was " + what + " on the primary, but only " + acknowledged + " of "
                        + acks.replicas() + " replicas acknowledged it within " + acks.timeout() + "; " + outcome);
    }
}

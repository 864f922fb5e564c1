package dev.holdfast.lock;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of asking for a lock: {@link Acquired} with a lease, or {@link NotAcquired} with the reason.
 */
public sealed interface LockResult {

    /**
     * Return the lock asked for.
     *
     * @return the key
     */
    LockKey key();

    /**
     * Return whether the lock was granted.
     *
     * @return {@code true} for {@link Acquired}
     */
    default boolean acquired() {
        return this instanceof Acquired;
    }

    /**
     * The lock was granted.
     *
     * @param lease the lease, to release when done
     */
    record Acquired(Lease lease) implements LockResult {

        @Override
        public LockKey key() {
            return lease.key();
        }
    }

    /**
     * The lock was not granted.
     *
     * @param key the lock
     * @param owner who asked
     * @param reason why not
     * @param holder who held it at the last attempt, when known
     * @param waitTime how long the caller was willing to wait
     */
    record NotAcquired(
            LockKey key,
            String owner,
            Reason reason,
            @Nullable LockState holder,
            Duration waitTime) implements LockResult {

        /**
         * Describe the refusal in one sentence naming the lock and the holder.
         *
         * @return the description
         */
        public String describe() {
            String held = (holder != null) ? ": held by " + holder : "";
            return switch (reason) {
                case HELD -> "Lock [" + key + "] not acquired by '" + owner + "'" + held;
                case TIMED_OUT -> "Lock [" + key + "] not acquired by '" + owner + "' within " + waitTime + held;
                case MISSING -> "Lock [" + key + "] not acquired by '" + owner + "': it does not exist";
            };
        }
    }

    /** Why a lock was not granted. */
    enum Reason {

        /** Another owner (or the same owner, for {@code create}) held it and the caller did not wait. */
        HELD,

        /** The caller waited and the lock did not come free in time. */
        TIMED_OUT,

        /**
         * The lock does not exist, and waiting would not help: a semaphore never created (the request did not ask to
         * create it), or a plain lock nobody held when a request {@linkplain LockRequest#onlyIfExists() only if it
         * exists} was made.
         */
        MISSING
    }
}

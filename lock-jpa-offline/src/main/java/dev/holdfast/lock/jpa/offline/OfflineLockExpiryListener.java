package dev.holdfast.lock.jpa.offline;

/**
 * Told when a stale offline lock (idle past its expiry by the database clock) is ended: taken over by a new
 * acquisition or swept. Declare one as a bean to be called; it runs after the change is committed, on the thread
 * that made it, and its exceptions are logged, never propagated.
 */
@FunctionalInterface
public interface OfflineLockExpiryListener {

    /** Why a stale lock ended. */
    enum Cause {
        /** Another acquisition took the lock. */
        TAKEN_OVER,
        /** The scheduled sweep freed it. */
        SWEPT
    }

    /**
     * Handle an expired lock.
     *
     * @param expired the lock as it was before it ended
     * @param cause how it ended
     */
    void expired(OfflineLock expired, Cause cause);
}

package dev.holdfast.lock.jpa.offline;

/** How an acquisition treats targets that are already locked. */
public enum OfflineLockMode {

    /** Refuse another holder's live lock; re-acquire (renewing the expiry) the holder's own. */
    REENTRANT,

    /** Refuse every live lock, even the holder's own: the caller wants a lock nobody had. */
    NEW_ONLY,

    /**
     * One-time lock: no holder is recorded, and every acquisition is refused while the lock lives, whoever asks. It
     * is released with {@link OfflineLocks#releaseOneTime(LockTarget)}.
     */
    ONE_TIME
}

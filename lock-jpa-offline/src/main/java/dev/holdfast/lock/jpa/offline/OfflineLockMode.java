package dev.holdfast.lock.jpa.offline;

/** How an acquisition treats targets that are already locked. */
public enum OfflineLockMode {

    /**
     * Refuse another holder's live lock; re-acquire the holder's own, adding a hold (released by one more
     * {@link OfflineLocks#release release}) and renewing its expiry.
     */
    REENTRANT,

    /**
     * Refuse another holder's live lock; take a free target at one hold, and only renew the holder's own live lock,
     * adding no hold. For a lock kept across the many requests of one edit (as {@link OfflineLocked} does), so that
     * however many requests renew it, one release ends it.
     */
    TAKE_OR_RENEW,

    /** Refuse every live lock, even the holder's own: the caller wants a lock nobody had. */
    NEW_ONLY,

    /**
     * One-time lock: no holder is recorded, and every acquisition is refused while the lock lives, whoever asks. It
     * is released with {@link OfflineLocks#releaseOneTime(LockTarget)}.
     */
    ONE_TIME
}

package dev.holdfast.lock.jpa.offline;

/** How an acquisition treats keys that are already locked. */
public enum OfflineLockMode {

    /**
     * Not granted while another owner has a live lock; re-acquire the owner's own, adding a hold (released by one more
     * {@link OfflineLocks#release release}) and renewing its expiry.
     */
    REENTRANT,

    /**
     * Not granted while another owner has a live lock; take a free key at one hold, and only renew the owner's own live
     * lock, adding no hold. For a lock kept across the many requests of one edit (as {@link OfflineLocked} does), so that
     * however many requests renew it, one release ends it.
     */
    TAKE_OR_RENEW,

    /** Not granted while anybody has a live lock, even the owner who asks: the caller wants a lock nobody had. */
    NEW_ONLY,

    /**
     * One-time lock: no owner is recorded, and no acquisition is granted while the lock lives, whoever asks. It is
     * released with {@link OfflineLocks#releaseOneTime(dev.holdfast.lock.LockKey)}.
     */
    ONE_TIME
}

package dev.holdfast.lock.spi;

/** How an acquire command treats a lock that is already held. */
public enum AcquireMode {

    /**
     * Grant when free or expired; re-enter (same token, one more hold, lease extended) when the same owner holds it;
     * preempt a holder of strictly lower priority (new token); otherwise refuse.
     */
    LOCK,

    /** Grant only when free or expired; refuse otherwise, even when the same owner holds it. */
    CREATE,

    /** Grant unconditionally, replacing any holder (new token, one hold). */
    CLAIM
}

package dev.holdfast.lock.spi;

/** What a store answered to a release. */
public enum ReleaseOutcome {

    /** The last hold was released; the lock is free and waiters were told. */
    RELEASED,

    /** One hold of several was released; the owner still holds the lock. */
    HOLD_DECREMENTED,

    /** The owner and token no longer held the lock: it expired, was preempted, claimed or force-released. */
    NOT_HELD
}

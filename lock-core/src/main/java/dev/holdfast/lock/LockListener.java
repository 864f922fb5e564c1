package dev.holdfast.lock;

/**
 * Hears what happens to locks: the hook for metrics, tracing and audit logs.
 *
 * <p>Called on the thread that caused the event (the watchdog's thread for renewals). Implementations must be
 * thread-safe and quick; an exception thrown by a listener is logged and never blocks an acquire or a release.
 */
public interface LockListener {

    /**
     * An acquisition starts (a lock, a handle, permits, a read or write hold). On the same thread, before the call
     * returns or throws, exactly one of {@link #onAcquired}, {@link #onNotAcquired} or {@link #onError} follows (a
     * displaced holder's {@link #onPreempted} and {@link #onLost} may come between), so a listener can time or trace
     * the acquisition from here.
     *
     * @param event the request, with no token and no time elapsed yet
     */
    default void onAcquiring(LockEvent event) {}

    /**
     * A lock was granted.
     *
     * @param event the grant, with the time waited
     */
    default void onAcquired(LockEvent event) {}

    /**
     * A lock was refused or not granted within the wait.
     *
     * @param event the refusal, with the holder in {@link LockEvent#other()} and why in {@link LockEvent#reason()}
     */
    default void onNotAcquired(LockEvent event) {}

    /**
     * Asking for a lock failed: the store could not answer, the request could not be granted as asked, or the waiting
     * thread was interrupted.
     *
     * @param event the failure, with {@link LockEvent#error()}
     */
    default void onError(LockEvent event) {}

    /**
     * A hold was released.
     *
     * @param event the release, with the time held
     */
    default void onReleased(LockEvent event) {}

    /**
     * A lease was renewed by the watchdog.
     *
     * @param event the renewal
     */
    default void onRenewed(LockEvent event) {}

    /**
     * A renewal could not reach the store; the lease is kept until its deadline and retried.
     *
     * @param event the failure, with {@link LockEvent#error()}
     */
    default void onRenewalFailed(LockEvent event) {}

    /**
     * A lease held by this process was found lost: expired, preempted, claimed or force-released.
     *
     * @param event the lost lease, with the time held
     */
    default void onLost(LockEvent event) {}

    /**
     * A grant displaced a holder of lower priority (or any holder, for a claim).
     *
     * @param event the new grant, with the displaced holder in {@link LockEvent#other()}
     */
    default void onPreempted(LockEvent event) {}
}

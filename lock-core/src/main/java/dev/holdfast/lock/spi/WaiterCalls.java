package dev.holdfast.lock.spi;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link WaiterRegistry}'s watches ask a store for the lock on their waiter's behalf.
 *
 * <p>Implemented by stores that are told of releases. {@code othersWait} is {@code true} when other waiters of the
 * same store wait for the lock too: a store that marks waited-for locks (so that their release notifies) keeps the
 * mark on a grant then, so that its release wakes the next of them.
 */
public interface WaiterCalls {

    /**
     * Ask once for the lock, on the calling thread.
     *
     * @param command the waiter's command
     * @param othersWait whether other waiters of this store wait for the lock too
     * @return the store's answer
     */
    AcquireOutcome acquire(AcquireCommand command, boolean othersWait);

    /**
     * Send the request without waiting for its answer, from the thread that heard a release, so that the waiter
     * wakes with the answer already there.
     *
     * @param command the waiter's command
     * @param othersWait whether other waiters of this store wait for the lock too
     * @return the answer to come, or {@code null} when the store only asks synchronously (the waiter then asks)
     */
    default @Nullable CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, boolean othersWait) {
        return null;
    }

    /**
     * Give back a grant obtained for a waiter that no longer takes it (interrupted, timed out, closed the watch).
     *
     * @param command the waiter's command
     * @param granted the grant
     */
    default void releaseUnclaimed(AcquireCommand command, AcquireOutcome.Granted granted) {}
}

package dev.holdfast.lock.spi;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** How a {@link WaiterRegistry}'s permit watches ask a store on their waiter's behalf, as {@link WaiterCalls}. */
public interface PermitWaiterCalls {

    /**
     * Ask once for the permits, on the calling thread.
     *
     * @param command the waiter's command
     * @param othersWait whether other waiters of this store wait for the semaphore too
     * @return the store's answer
     */
    PermitOutcome acquire(PermitCommand command, boolean othersWait);

    /**
     * Send the request without waiting, from the thread that heard a release.
     *
     * @param command the waiter's command
     * @param othersWait whether other waiters of this store wait for the semaphore too
     * @return the answer to come, or {@code null} when the store only asks synchronously
     */
    default @Nullable CompletableFuture<PermitOutcome> acquireAsync(PermitCommand command, boolean othersWait) {
        return null;
    }

    /**
     * Give back a grant obtained for a waiter that no longer takes it.
     *
     * @param command the waiter's command
     * @param granted the grant
     */
    default void releaseUnclaimed(PermitCommand command, PermitOutcome.Granted granted) {}

    /**
     * Drop the queue place that a request sent for a waiter that no longer waits took when it was refused (see
     * {@link SemaphoreStore#leaveQueue}); stores that only ask synchronously never need to.
     *
     * @param command the waiter's command
     */
    default void leaveUnclaimed(PermitCommand command) {}
}

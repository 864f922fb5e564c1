package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A waiter on one lock: the stated waiting protocol between {@link dev.holdfast.lock.LockTemplate} and a store.
 *
 * <p>A waiter opens the watch with the command that was refused ({@link LockStore#watch(AcquireCommand)}), then calls
 * {@link #next(Duration)} until it is granted or out of time. The first call is made with {@link Duration#ZERO}
 * right after opening, so that a release between the refused attempt and the watch is never missed. Each call waits
 * until the lock may have come free (the store was told of a release or an expiry) or the time is up, then asks for
 * the lock once on the waiter's behalf and hands back the answer. A store that is told of releases may send that
 * request the moment it hears one, before the waiter has even woken (Redis does); the answer then carries the moment
 * it was sent, so the lease's local deadline is counted from before the request, never from when the waiter took it.
 * Stores without notification poll with backoff ({@link PollingLockWatch}).
 *
 * <p>Used by one thread at a time. {@link #close()} is idempotent and gives back a grant that the store obtained for
 * the waiter but never handed out (the waiter was interrupted or closed the watch first), so no hold leaks.
 */
public interface LockWatch extends AutoCloseable {

    /**
     * Wait until the lock may have come free or {@code max} has passed, then ask for it once.
     *
     * @param max the longest wait before asking; zero asks at once. A watch may ask sooner (a bounded re-check, in
     *     case a notification was lost), never later than {@code max} plus the store's answer time
     * @return the answer, with the moment its request was sent
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws dev.holdfast.lock.LockStoreException when the store cannot answer
     */
    AcquireAttempt next(Duration max) throws InterruptedException;

    /**
     * Wait as {@link #next(Duration)} does without parking the caller: for reactive and asynchronous waiters. The
     * watches of stores told of releases ({@link WaiterRegistry}) and polling watches wait on a timer and ask through
     * {@link LockStore#acquireAsync}; by default {@link #next(Duration)} runs on {@code offload}, which it occupies
     * while it waits. Closing the watch while an answer is on its way gives back a grant obtained for the waiter.
     *
     * @param max the longest wait before asking, as for {@link #next(Duration)}
     * @param offload where blocking calls run (a bounded executor given by the caller)
     * @return the answer to come, with the moment its request was sent
     */
    default CompletableFuture<AcquireAttempt> nextAsync(Duration max, Executor offload) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return next(max);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(ex);
                    }
                },
                offload);
    }

    /** Stop waiting, giving back any grant obtained for the waiter and not handed out. */
    @Override
    void close();
}

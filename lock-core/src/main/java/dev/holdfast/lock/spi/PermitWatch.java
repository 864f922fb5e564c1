package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A waiter on a semaphore or a read/write lock: the waiting protocol of {@link LockWatch}, for permits. A fair
 * semaphore keeps the waiter's place in its queue while it keeps asking.
 */
public interface PermitWatch extends AutoCloseable {

    /**
     * Wait until permits may have come free or {@code max} has passed, then ask once.
     *
     * @param max the longest wait before asking; zero asks at once
     * @return the answer, with the moment its request was sent
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    PermitAttempt next(Duration max) throws InterruptedException;

    /**
     * Wait as {@link #next(Duration)} does without parking the caller: for asynchronous waiters (the lock server). The
     * watches of stores told of releases ({@link WaiterRegistry}) and polling watches wait on a timer; by default
     * {@link #next(Duration)} runs on {@code offload}, which it occupies while it waits. Closing the watch while an
     * answer is on its way gives back a grant obtained for the waiter.
     *
     * @param max the longest wait before asking, as for {@link #next(Duration)}
     * @param offload where blocking calls run (a bounded executor given by the caller)
     * @return the answer to come, with the moment its request was sent
     */
    default CompletableFuture<PermitAttempt> nextAsync(Duration max, Executor offload) {
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

package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LockWatch} for stores that cannot notify: it sleeps with exponential backoff and jitter, bounded by a
 * maximum interval, then asks the store.
 */
public final class PollingLockWatch implements LockWatch {

    private final LockStore store;

    private final AcquireCommand command;

    private final PollingBackoff backoff;

    /**
     * Create a watch.
     *
     * @param store the store to ask
     * @param command the waiter's command
     * @param initial the first interval
     * @param max the longest interval
     */
    public PollingLockWatch(LockStore store, AcquireCommand command, Duration initial, Duration max) {
        this.store = store;
        this.command = command;
        this.backoff = new PollingBackoff(initial, max);
    }

    @Override
    public AcquireAttempt next(Duration max) throws InterruptedException {
        backoff.sleep(max);
        return AcquireAttempt.of(store, command);
    }

    /** Wait the next interval on a timer, not on a thread, then ask through {@link LockStore#acquireAsync}. */
    @Override
    public CompletableFuture<AcquireAttempt> nextAsync(Duration max, Executor offload) {
        long delay = backoff.nextNanos(max);
        Executor later =
                (delay > 0) ? CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, offload) : offload;
        return CompletableFuture.supplyAsync(System::nanoTime, later)
                .thenCompose((asked) -> store.acquireAsync(command, offload)
                        .thenApply((outcome) -> new AcquireAttempt(outcome, asked)));
    }

    @Override
    public void close() {}
}

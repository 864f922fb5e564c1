package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PermitWatch} for stores that cannot notify, for permits: it sleeps with exponential backoff and jitter, bounded by a
 * maximum interval, then asks the store.
 */
public final class PollingPermitWatch implements PermitWatch {

    private final SemaphoreStore store;

    private final PermitCommand command;

    private final PollingBackoff backoff;

    /**
     * Create a watch.
     *
     * @param store the store to ask
     * @param command the waiter's command
     * @param initial the first interval
     * @param max the longest interval
     */
    public PollingPermitWatch(SemaphoreStore store, PermitCommand command, Duration initial, Duration max) {
        this.store = store;
        this.command = command;
        this.backoff = new PollingBackoff(initial, max);
    }

    @Override
    public PermitAttempt next(Duration max) throws InterruptedException {
        backoff.sleep(max);
        return PermitAttempt.of(store, command);
    }

    /** Wait the next interval on a timer, not on a thread, then ask the store on {@code offload}. */
    @Override
    public CompletableFuture<PermitAttempt> nextAsync(Duration max, Executor offload) {
        long delay = backoff.nextNanos(max);
        Executor later =
                (delay > 0) ? CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, offload) : offload;
        return CompletableFuture.supplyAsync(() -> PermitAttempt.of(store, command), later);
    }

    @Override
    public void close() {}
}

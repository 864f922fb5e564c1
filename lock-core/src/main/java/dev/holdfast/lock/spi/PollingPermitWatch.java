package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PermitWatch} for stores that cannot notify, for permits: it sleeps with exponential backoff and jitter, bounded by a
 * maximum interval, then asks the store.
 */
public final class PollingPermitWatch implements PermitWatch {

    private final SemaphoreStore store;

    private final PermitCommand command;

    private final long maxIntervalNanos;

    private long intervalNanos;

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
        this.intervalNanos = initial.toNanos();
        this.maxIntervalNanos = max.toNanos();
    }

    @Override
    public PermitAttempt next(Duration max) throws InterruptedException {
        if (!max.isZero()) {
            long jittered = intervalNanos / 2 + ThreadLocalRandom.current().nextLong(intervalNanos / 2 + 1);
            long sleep = Math.min(jittered, max.toNanos());
            intervalNanos = Math.min(intervalNanos * 2, maxIntervalNanos);
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return PermitAttempt.of(store, command);
    }

    @Override
    public void close() {}
}

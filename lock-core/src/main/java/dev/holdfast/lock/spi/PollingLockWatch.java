package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LockWatch} for stores that cannot notify: it sleeps with exponential backoff and jitter, bounded by a
 * maximum interval, and never reports a release.
 */
public final class PollingLockWatch implements LockWatch {

    private final long maxIntervalNanos;

    private long intervalNanos;

    /**
     * Create a watch.
     *
     * @param initial the first interval
     * @param max the longest interval
     */
    public PollingLockWatch(Duration initial, Duration max) {
        this.intervalNanos = initial.toNanos();
        this.maxIntervalNanos = max.toNanos();
    }

    @Override
    public boolean await(Duration max) throws InterruptedException {
        long jittered = intervalNanos / 2 + ThreadLocalRandom.current().nextLong(intervalNanos / 2 + 1);
        long sleep = Math.min(jittered, max.toNanos());
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        intervalNanos = Math.min(intervalNanos * 2, maxIntervalNanos);
        return false;
    }

    @Override
    public void close() {}
}

package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The wait of a polling watch: exponential backoff with jitter from a first interval to a maximum, never longer than
 * the waiter's own bound. One per watch; not thread-safe.
 */
final class PollingBackoff {

    private final long maxIntervalNanos;

    private long intervalNanos;

    PollingBackoff(Duration initial, Duration max) {
        this.intervalNanos = initial.toNanos();
        this.maxIntervalNanos = max.toNanos();
    }

    /**
     * Sleep for the next interval, at most {@code max}; nothing when {@code max} is zero.
     *
     * @throws InterruptedException when the thread is interrupted, before or during the sleep
     */
    void sleep(Duration max) throws InterruptedException {
        long sleep = nextNanos(max);
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Return the next interval in nanoseconds, at most {@code max}; zero when {@code max} is zero. */
    long nextNanos(Duration max) {
        if (max.isZero()) {
            return 0;
        }
        long jittered = intervalNanos / 2 + ThreadLocalRandom.current().nextLong(intervalNanos / 2 + 1);
        intervalNanos = Math.min(intervalNanos * 2, maxIntervalNanos);
        return Math.min(jittered, max.toNanos());
    }
}

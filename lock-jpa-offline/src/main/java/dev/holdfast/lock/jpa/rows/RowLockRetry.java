package dev.holdfast.lock.jpa.rows;

import java.time.Duration;
import org.springframework.core.retry.RetryPolicy;

/**
 * How a row-locking unit is retried after a deadlock, a lock-wait timeout or a retry request: exponential backoff with
 * jitter, bounded by attempts.
 *
 * @param maxAttempts how many times the unit may run in all, at least one
 * @param delay the backoff before the first retry
 * @param multiplier the factor applied to the backoff after each retry, at least one
 * @param maxDelay the longest backoff
 * @param jitter the random spread added to or taken from each backoff, smaller than the delay
 */
public record RowLockRetry(int maxAttempts, Duration delay, double multiplier, Duration maxDelay, Duration jitter) {

    /** Attempts of a unit by default: five. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** Backoff before the first retry by default: 50 milliseconds. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(50);

    /** Factor applied to the backoff after each retry by default: two. */
    public static final double DEFAULT_MULTIPLIER = 2.0;

    /** Longest backoff by default: one second. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1);

    /** Random spread of each backoff by default: 25 milliseconds. */
    public static final Duration DEFAULT_JITTER = Duration.ofMillis(25);

    /**
     * Validate the settings.
     *
     * @throws IllegalArgumentException naming the setting at fault
     */
    public RowLockRetry {
        check(delay != null, "delay must not be null");
        check(maxDelay != null, "max delay must not be null");
        check(jitter != null, "jitter must not be null");
        check(maxAttempts >= 1, "max attempts [" + maxAttempts + "] must be at least 1");
        check(!delay.isNegative(), "delay [" + delay + "] must not be negative");
        check(multiplier >= 1, "multiplier [" + multiplier + "] must be at least 1");
        check(maxDelay.compareTo(delay) >= 0, "max delay [" + maxDelay + "] must not be below delay [" + delay + "]");
        check(
                !jitter.isNegative() && (jitter.isZero() || jitter.compareTo(delay) < 0),
                "jitter [" + jitter + "] must be zero or below delay [" + delay + "]");
    }

    /**
     * Five attempts, 50 ms backoff doubling up to one second, 25 ms jitter.
     *
     * @return the defaults
     */
    public static RowLockRetry defaults() {
        return new RowLockRetry(
                DEFAULT_MAX_ATTEMPTS, DEFAULT_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER);
    }

    RetryPolicy.Builder toRetryPolicy() {
        return RetryPolicy.builder()
                .maxRetries(this.maxAttempts - 1L)
                .delay(this.delay)
                .multiplier(this.multiplier)
                .maxDelay(this.maxDelay)
                .jitter(this.jitter);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException("Row lock retry " + message);
        }
    }
}

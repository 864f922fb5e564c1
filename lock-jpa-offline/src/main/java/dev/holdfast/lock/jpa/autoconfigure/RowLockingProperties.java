package dev.holdfast.lock.jpa.autoconfigure;

import static dev.holdfast.lock.jpa.autoconfigure.LockConfigurationException.invalid;

import dev.holdfast.lock.jpa.rows.LockRowsConfiguration;
import dev.holdfast.lock.jpa.rows.LockWait;
import dev.holdfast.lock.jpa.rows.RowLockRetry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for ordered row locking. Each setter rejects a value Holdfast cannot work with, naming the
 * property and the value; settings that must agree with each other are checked when the auto-configuration reads
 * them. The retry defaults are {@link RowLockRetry}'s own.
 *
 * @see dev.holdfast.lock.jpa.rows.RowLocks
 */
@ConfigurationProperties("holdfast.rows")
public class RowLockingProperties {

    /** Default order of the @LockRows advisor: outside @Transactional and inside @Locked. */
    public static final int DEFAULT_ADVISOR_ORDER = LockRowsConfiguration.DEFAULT_ADVISOR_ORDER;

    private static final String PREFIX = "holdfast.rows.";

    /** Whether to enable ordered row locking and the @LockRows annotation. */
    private boolean enabled = true;

    /** Maximum number of times a unit runs when it meets deadlocks or lock-wait timeouts; at least 1. */
    private int maxAttempts = RowLockRetry.DEFAULT_MAX_ATTEMPTS;

    /** Backoff before the first retry; zero or more. */
    private Duration delay = RowLockRetry.DEFAULT_DELAY;

    /** Factor applied to the backoff after each retry; at least 1. */
    private double multiplier = RowLockRetry.DEFAULT_MULTIPLIER;

    /** Longest backoff between attempts; positive and at least the delay. */
    private Duration maxDelay = RowLockRetry.DEFAULT_MAX_DELAY;

    /** Random spread added to or taken from each backoff; zero, or below the delay. */
    private Duration jitter = RowLockRetry.DEFAULT_JITTER;

    /** How to wait for a row another transaction has locked. */
    private LockWait.Mode lockWait = LockWait.Mode.DATABASE_DEFAULT;

    /** Longest wait for a row lock, positive; setting it implies lock-wait 'timeout'. */
    private @Nullable Duration lockTimeout;

    /** Order of the @LockRows advisor; it must be outside (smaller than) the transaction advisor's. */
    private int advisorOrder = DEFAULT_ADVISOR_ORDER;

    /**
     * Return the retry settings.
     *
     * @return the settings
     * @throws LockConfigurationException when max-delay is below delay, or jitter not below delay
     */
    RowLockRetry toRetry() {
        if (this.maxDelay.compareTo(this.delay) < 0) {
            throw invalid(
                    PREFIX + "max-delay",
                    this.maxDelay,
                    "the longest backoff must not be below " + PREFIX + "delay '" + this.delay + "'.",
                    "Set " + PREFIX + "max-delay to at least " + PREFIX + "delay, or lower " + PREFIX + "delay.");
        }
        if (!this.jitter.isZero() && this.jitter.compareTo(this.delay) >= 0) {
            throw invalid(
                    PREFIX + "jitter",
                    this.jitter,
                    "the jitter must be zero or below " + PREFIX + "delay '" + this.delay + "'.",
                    "Set " + PREFIX + "jitter below " + PREFIX + "delay (such as half of it), or to 0.");
        }
        return new RowLockRetry(this.maxAttempts, this.delay, this.multiplier, this.maxDelay, this.jitter);
    }

    /**
     * Return the lock wait.
     *
     * @return the wait
     * @throws LockConfigurationException when lock-wait is timeout without a lock-timeout, or another mode with one
     */
    LockWait toLockWait() {
        if (this.lockTimeout == null) {
            if (this.lockWait == LockWait.Mode.TIMEOUT) {
                throw invalid(
                        PREFIX + "lock-wait",
                        "timeout",
                        "a timeout wait needs " + PREFIX + "lock-timeout, which is not set.",
                        "Set " + PREFIX + "lock-timeout to a positive duration such as 2s.");
            }
            return new LockWait(this.lockWait, null);
        }
        if (this.lockWait != LockWait.Mode.DATABASE_DEFAULT && this.lockWait != LockWait.Mode.TIMEOUT) {
            throw invalid(
                    PREFIX + "lock-timeout",
                    this.lockTimeout,
                    "a timeout does not apply to " + PREFIX + "lock-wait '" + this.lockWait + "', which never waits.",
                    "Remove " + PREFIX + "lock-timeout, or set " + PREFIX + "lock-wait to timeout.");
        }
        return LockWait.timeout(this.lockTimeout);
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxAttempts() {
        return this.maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw invalid(
                    PREFIX + "max-attempts",
                    maxAttempts,
                    "a unit runs at least once.",
                    "Set " + PREFIX + "max-attempts to 1 (no retry) or more, or remove it to use the default.");
        }
        this.maxAttempts = maxAttempts;
    }

    public Duration getDelay() {
        return this.delay;
    }

    public void setDelay(Duration delay) {
        this.delay = notNegative("delay", delay);
    }

    public double getMultiplier() {
        return this.multiplier;
    }

    public void setMultiplier(double multiplier) {
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw invalid(
                    PREFIX + "multiplier",
                    multiplier,
                    "the backoff must not shrink between retries.",
                    "Set " + PREFIX + "multiplier to 1 (a fixed backoff) or more, or remove it to use the default.");
        }
        this.multiplier = multiplier;
    }

    public Duration getMaxDelay() {
        return this.maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        if (maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
            throw invalid(
                    PREFIX + "max-delay",
                    maxDelay,
                    "the longest backoff must be positive.",
                    "Set " + PREFIX + "max-delay to a positive duration, or remove it to use the default.");
        }
        this.maxDelay = maxDelay;
    }

    public Duration getJitter() {
        return this.jitter;
    }

    public void setJitter(Duration jitter) {
        this.jitter = notNegative("jitter", jitter);
    }

    public LockWait.Mode getLockWait() {
        return this.lockWait;
    }

    public void setLockWait(LockWait.Mode lockWait) {
        this.lockWait = lockWait;
    }

    public @Nullable Duration getLockTimeout() {
        return this.lockTimeout;
    }

    public void setLockTimeout(@Nullable Duration lockTimeout) {
        if (lockTimeout != null && (lockTimeout.isNegative() || lockTimeout.isZero())) {
            throw invalid(
                    PREFIX + "lock-timeout",
                    lockTimeout,
                    "a row lock timeout must be positive.",
                    "Set " + PREFIX + "lock-timeout to a positive duration such as 2s, or " + PREFIX
                            + "lock-wait to nowait to fail at once.");
        }
        this.lockTimeout = lockTimeout;
    }

    public int getAdvisorOrder() {
        return this.advisorOrder;
    }

    public void setAdvisorOrder(int advisorOrder) {
        this.advisorOrder = advisorOrder;
    }

    private static Duration notNegative(String name, @Nullable Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw invalid(
                    PREFIX + name,
                    duration,
                    "a backoff must not be negative.",
                    "Set " + PREFIX + name + " to zero or a positive duration, or remove it to use the default.");
        }
        return duration;
    }
}

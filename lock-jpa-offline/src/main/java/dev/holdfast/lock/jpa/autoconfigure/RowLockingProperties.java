package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jpa.rows.LockWait;
import dev.holdfast.lock.jpa.rows.RowLockRetry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Configuration properties for ordered row locking.
 *
 * @see dev.holdfast.lock.jpa.rows.RowLocks
 */
@ConfigurationProperties("holdfast.rows")
public class RowLockingProperties {

    /** Whether to enable ordered row locking and the @LockRows annotation. */
    private boolean enabled = true;

    /** Maximum number of times a unit runs when it meets deadlocks or lock-wait timeouts. */
    private int maxAttempts = 5;

    /** Backoff before the first retry. */
    private Duration delay = Duration.ofMillis(50);

    /** Factor applied to the backoff after each retry. */
    private double multiplier = 2.0;

    /** Longest backoff between attempts. */
    private Duration maxDelay = Duration.ofSeconds(1);

    /** Random spread added to or taken from each backoff; must be below the delay. */
    private Duration jitter = Duration.ofMillis(25);

    /** How to wait for a row another transaction has locked. */
    private LockWait.Mode lockWait = LockWait.Mode.DATABASE_DEFAULT;

    /** Longest wait for a row lock; setting it implies lock-wait 'timeout'. */
    private @Nullable Duration lockTimeout;

    /** Order of the @LockRows advisor; it must be outside (smaller than) the transaction advisor's. */
    private int advisorOrder = Ordered.LOWEST_PRECEDENCE - 100;

    RowLockRetry toRetry() {
        return new RowLockRetry(this.maxAttempts, this.delay, this.multiplier, this.maxDelay, this.jitter);
    }

    LockWait toLockWait() {
        if (this.lockTimeout != null
                && (this.lockWait == LockWait.Mode.DATABASE_DEFAULT || this.lockWait == LockWait.Mode.TIMEOUT)) {
            return LockWait.timeout(this.lockTimeout);
        }
        if (this.lockWait == LockWait.Mode.TIMEOUT) {
            throw new IllegalStateException(
                    "holdfast.rows.lock-wait=timeout needs holdfast.rows.lock-timeout (a positive duration such as 2s)");
        }
        return new LockWait(this.lockWait, null);
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
        this.maxAttempts = maxAttempts;
    }

    public Duration getDelay() {
        return this.delay;
    }

    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    public double getMultiplier() {
        return this.multiplier;
    }

    public void setMultiplier(double multiplier) {
        this.multiplier = multiplier;
    }

    public Duration getMaxDelay() {
        return this.maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public Duration getJitter() {
        return this.jitter;
    }

    public void setJitter(Duration jitter) {
        this.jitter = jitter;
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
        this.lockTimeout = lockTimeout;
    }

    public int getAdvisorOrder() {
        return this.advisorOrder;
    }

    public void setAdvisorOrder(int advisorOrder) {
        this.advisorOrder = advisorOrder;
    }
}

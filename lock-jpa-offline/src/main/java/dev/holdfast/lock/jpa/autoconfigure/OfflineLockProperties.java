package dev.holdfast.lock.jpa.autoconfigure;

import static dev.holdfast.lock.jpa.autoconfigure.LockConfigurationException.invalid;

import dev.holdfast.lock.jpa.offline.OfflineLockRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pessimistic offline locks. Each setter rejects a value Holdfast cannot work with, naming the property and the value,
 * so that a bad value fails the application at startup.
 */
@ConfigurationProperties("holdfast.offline")
public class OfflineLockProperties {

    /** Whether to configure the offline lock API. */
    private boolean enabled = true;

    /** Idle time after which a lock that was not renewed expires, by the database clock; at most 365 days. */
    private Duration idleTimeout = Duration.ofMinutes(15);

    private final Sweep sweep = new Sweep();

    private final Web web = new Web();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getIdleTimeout() {
        return this.idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = checkDuration("holdfast.offline.idle-timeout", idleTimeout);
    }

    public Sweep getSweep() {
        return this.sweep;
    }

    public Web getWeb() {
        return this.web;
    }

    /** Return a duration that is positive and at most {@link OfflineLockRequest#MAX_IDLE_TIMEOUT}, or throw. */
    static Duration checkDuration(String property, @Nullable Duration duration) {
        if (duration == null
                || duration.isNegative()
                || duration.isZero()
                || duration.compareTo(OfflineLockRequest.MAX_IDLE_TIMEOUT) > 0) {
            throw invalid(
                    property,
                    duration,
                    "it must be positive and at most " + OfflineLockRequest.MAX_IDLE_TIMEOUT.toDays() + "d.",
                    "Set " + property + " to a duration in that range (such as 10m), or remove it to use the default.");
        }
        return duration;
    }

    /** The scheduled sweep of stale locks. */
    public static class Sweep {

        /** Whether to sweep stale locks on a schedule, calling the expiry listener for each. */
        private boolean enabled = true;

        /** Time between two sweeps; at most 365 days. */
        private Duration interval = Duration.ofMinutes(1);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = checkDuration("holdfast.offline.sweep.interval", interval);
        }
    }

    /** The Spring MVC guard. */
    public static class Web {

        /** Whether to guard handlers annotated with @OfflineLocked in Spring MVC applications. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}

package dev.holdfast.lock.jpa.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Pessimistic offline locks. */
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
        this.idleTimeout = idleTimeout;
    }

    public Sweep getSweep() {
        return this.sweep;
    }

    public Web getWeb() {
        return this.web;
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
            this.interval = interval;
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

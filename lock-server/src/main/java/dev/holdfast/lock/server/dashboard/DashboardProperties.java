package dev.holdfast.lock.server.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of the dashboard's event stream, {@code holdfast.server.dashboard.*}. */
@ConfigurationProperties("holdfast.server.dashboard")
public class DashboardProperties {

    /** Most dashboards connected to this instance at once; one more is answered 503. */
    private int maxClients = 16;

    /** How long one event stream stays open; the page reconnects when it ends. */
    private Duration streamTimeout = Duration.ofMinutes(30);

    /** Most locks and most semaphores one dashboard update lists. */
    private int maxRows = 200;

    public int getMaxClients() {
        return maxClients;
    }

    public void setMaxClients(int maxClients) {
        this.maxClients = maxClients;
    }

    public Duration getStreamTimeout() {
        return streamTimeout;
    }

    public void setStreamTimeout(Duration streamTimeout) {
        this.streamTimeout = streamTimeout;
    }

    public int getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * Fail when a value cannot work, naming the property.
     *
     * @throws IllegalStateException naming the property and the value
     */
    void validate() {
        if (maxClients < 1) {
            throw new IllegalStateException(
                    "holdfast.server.dashboard.max-clients must be at least 1, but was " + maxClients);
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalStateException(
                    "holdfast.server.dashboard.stream-timeout must be positive, but was " + streamTimeout);
        }
        if (maxRows < 1) {
            throw new IllegalStateException(
                    "holdfast.server.dashboard.max-rows must be at least 1, but was " + maxRows);
        }
    }
}

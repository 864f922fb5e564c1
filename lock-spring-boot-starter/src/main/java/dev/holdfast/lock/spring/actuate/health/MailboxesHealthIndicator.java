package dev.holdfast.lock.spring.actuate.health;

import dev.holdfast.lock.mailbox.MailboxInspector;
import dev.holdfast.lock.spi.MailboxSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link HealthIndicator} for the mailboxes: UP while no mailbox type has more dead letters than a threshold; else
 * {@link #WARN} (or another status the application chooses, such as {@code DOWN}) naming each such type with its dead
 * letters. The details show each type's dead letters and queued frames; a store that fails the read makes it DOWN.
 *
 * <p>Dead letters are shared by every instance, so by default they do not take an instance out of service: Boot maps
 * {@code WARN} to HTTP 200, and leaves it out of the aggregate status unless it is listed in
 * {@code management.endpoint.health.status.order}.
 */
public class MailboxesHealthIndicator extends AbstractHealthIndicator {

    /** The default status over the threshold: a warning, answered with HTTP 200. */
    public static final Status WARN = new Status("WARN", "Mailbox dead letters over the threshold");

    private final MailboxInspector inspector;

    private final long threshold;

    private final Status over;

    /**
     * Create the indicator.
     *
     * @param inspector reads each type's summary
     * @param threshold the most dead letters a type may have and stay UP
     * @param over the status when a type has more
     */
    public MailboxesHealthIndicator(MailboxInspector inspector, long threshold, Status over) {
        super("Mailbox health check failed");
        if (threshold < 0) {
            throw new IllegalArgumentException("Dead letter threshold must be 0 or more, but was " + threshold);
        }
        this.inspector = inspector;
        this.threshold = threshold;
        this.over = over;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> types = new LinkedHashMap<>();
        Map<String, Long> overThreshold = new LinkedHashMap<>();
        for (String type : inspector.types()) {
            MailboxSummary summary = inspector.summary(type);
            types.put(type, Map.of("deadLetters", summary.deadLetters(), "depth", summary.depth()));
            if (summary.deadLetters() > threshold) {
                overThreshold.put(type, summary.deadLetters());
            }
        }
        builder.withDetail("deadLetterThreshold", threshold).withDetail("types", types);
        if (overThreshold.isEmpty()) {
            builder.up();
        } else {
            builder.status(over).withDetail("overThreshold", overThreshold);
        }
    }
}

package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.mailbox.MailboxInspector;
import dev.holdfast.lock.spi.MailboxSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Gauges what the store holds for each registered mailbox type, across every instance: {@value #DEPTH} (frames
 * queued), {@value #OLDEST_AGE} (how long the oldest head frame has waited, 0 when none) and {@value #DEAD_LETTERS},
 * tagged {@value MicrometerMailboxListener#TYPE_TAG}; and the {@link MicrometerMailboxListener}'s counters at zero.
 * One store read per type ({@link MailboxInspector#summary}) serves the three gauges of a scrape: a summary is kept
 * for {@value #SUMMARY_TTL_MILLIS} ms. A store that fails reads {@code NaN}.
 */
public class MailboxMetrics implements MeterBinder {

    /** Gauge of the frames queued in a type's mailboxes. */
    public static final String DEPTH = "holdfast.mailbox.depth";

    /** Time gauge of how long the oldest head frame of a type's mailboxes has waited since it was enqueued. */
    public static final String OLDEST_AGE = "holdfast.mailbox.oldest.age";

    /** Gauge of the dead letters of a type's mailboxes. */
    public static final String DEAD_LETTERS = "holdfast.mailbox.dead.letters";

    /** How long one summary of a type serves its gauges. */
    static final long SUMMARY_TTL_MILLIS = 1000;

    private static final Log logger = LogFactory.getLog(MailboxMetrics.class);

    private final MailboxInspector inspector;

    private final Clock clock;

    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    /**
     * Create the gauges over the mailboxes' inspector.
     *
     * @param inspector reads the types and their summaries
     * @param clock the clock the frames' age is measured by
     */
    public MailboxMetrics(MailboxInspector inspector, Clock clock) {
        this.inspector = inspector;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String type : inspector.types()) {
            MicrometerMailboxListener.registerAtZero(registry, type);
            gauge(registry, DEPTH, "Frames queued in a type's mailboxes, on every instance", type, (s) -> s.depth());
            gauge(registry, DEAD_LETTERS, "Dead letters of a type's mailboxes", type, (s) -> s.deadLetters());
            TimeGauge.builder(OLDEST_AGE, () -> age(type), TimeUnit.MILLISECONDS)
                    .description("How long the oldest head frame of a type's mailboxes has waited")
                    .tag(MicrometerMailboxListener.TYPE_TAG, type)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String type, ToDoubleFunction<MailboxSummary> f) {
        Gauge.builder(name, () -> {
                    MailboxSummary summary = summary(type);
                    return (summary != null) ? f.applyAsDouble(summary) : Double.NaN;
                })
                .description(description)
                .tag(MicrometerMailboxListener.TYPE_TAG, type)
                .strongReference(true)
                .register(registry);
    }

    private Number age(String type) {
        MailboxSummary summary = summary(type);
        if (summary == null) {
            return Double.NaN;
        }
        return summary.oldestAge(clock.instant()).orElse(Duration.ZERO).toMillis();
    }

    private @Nullable MailboxSummary summary(String type) {
        long now = clock.millis();
        Read read = reads.get(type);
        if (read != null && now - read.at < SUMMARY_TTL_MILLIS) {
            return read.summary;
        }
        MailboxSummary summary;
        try {
            summary = inspector.summary(type);
        } catch (RuntimeException ex) {
            logger.debug("Summary of mailbox type [" + type + "] could not be read; its gauges read NaN", ex);
            summary = null;
        }
        reads.put(type, new Read(summary, now));
        return summary;
    }

    private record Read(@Nullable MailboxSummary summary, long at) {}
}

package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.MailboxListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@link MailboxListener} that counts what the mailboxes of this instance do, tagged {@value #TYPE_TAG} (the
 * mailbox type, never its id): {@value #ENQUEUED}, {@value #REFUSED} (by {@value #REASON_TAG}), {@value #EXECUTED} (by
 * {@value #OUTCOME_TAG}), {@value #REDELIVERED}, {@value #DEAD_LETTERED}, and the {@value #EXECUTION} timer.
 * {@link MailboxMetrics} registers each at zero for every registered type and gauges what the store holds.
 * Thread-safe.
 */
public class MicrometerMailboxListener implements MailboxListener {

    /** Counter of frames appended to a mailbox. */
    public static final String ENQUEUED = "holdfast.mailbox.enqueued";

    /** Counter of calls refused before anything was written. */
    public static final String REFUSED = "holdfast.mailbox.refused";

    /** Counter of runs of frames, by outcome. */
    public static final String EXECUTED = "holdfast.mailbox.executed";

    /** Counter of frames run again after an earlier holder stopped mid-frame. */
    public static final String REDELIVERED = "holdfast.mailbox.redelivered";

    /** Counter of frames moved to the dead letters. */
    public static final String DEAD_LETTERED = "holdfast.mailbox.dead.lettered";

    /** Timer of the handler's run of a frame. */
    public static final String EXECUTION = "holdfast.mailbox.execution";

    /** The tag naming the mailbox type. */
    public static final String TYPE_TAG = "mailbox.type";

    /** The tag of {@value #EXECUTED}: how a run ended. */
    public static final String OUTCOME_TAG = "outcome";

    /** The tag of {@value #REFUSED}: why. */
    public static final String REASON_TAG = "reason";

    private final MeterRegistry registry;

    /**
     * Create the listener.
     *
     * @param registry where the meters are registered
     */
    public MicrometerMailboxListener(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Register every counter and the timer of a mailbox type at zero, so that they answer before its first frame.
     *
     * @param registry the registry
     * @param type the mailbox type
     */
    public static void registerAtZero(MeterRegistry registry, String type) {
        MicrometerMailboxListener meters = new MicrometerMailboxListener(registry);
        meters.counter(ENQUEUED, type);
        meters.counter(REDELIVERED, type);
        meters.counter(DEAD_LETTERED, type);
        meters.timer(type);
        for (Refusal refusal : Refusal.values()) {
            meters.refused(type, refusal);
        }
        for (Outcome outcome : Outcome.values()) {
            meters.executed(type, outcome);
        }
    }

    /**
     * Return a tag value as the meters show it: the enum constant in lower case.
     *
     * @param value the constant
     * @return its tag value, such as {@code failed_will_retry}
     */
    public static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void onEnqueued(LockKey mailbox, String callId) {
        counter(ENQUEUED, mailbox.namespace()).increment();
    }

    @Override
    public void onRefused(LockKey mailbox, Refusal refusal) {
        refused(mailbox.namespace(), refusal).increment();
    }

    @Override
    public void onRedelivered(MailboxContext frame) {
        counter(REDELIVERED, frame.mailbox().namespace()).increment();
    }

    @Override
    public void onFrameFinished(MailboxContext frame, Outcome outcome, Duration duration) {
        String type = frame.mailbox().namespace();
        executed(type, outcome).increment();
        timer(type).record(duration);
        if (outcome == Outcome.DEAD_LETTERED) {
            counter(DEAD_LETTERED, type).increment();
        }
    }

    private Counter counter(String name, String type) {
        return Counter.builder(name)
                .description(describe(name))
                .tag(TYPE_TAG, type)
                .register(registry);
    }

    private Counter refused(String type, Refusal refusal) {
        return Counter.builder(REFUSED)
                .description("Calls refused before anything was written: mailbox full or frame too large")
                .tag(TYPE_TAG, type)
                .tag(REASON_TAG, tagValue(refusal))
                .register(registry);
    }

    private Counter executed(String type, Outcome outcome) {
        return Counter.builder(EXECUTED)
                .description("Runs of frames by how they ended")
                .tag(TYPE_TAG, type)
                .tag(OUTCOME_TAG, tagValue(outcome))
                .register(registry);
    }

    private Timer timer(String type) {
        return Timer.builder(EXECUTION)
                .description("Time the handler took to run a frame")
                .tag(TYPE_TAG, type)
                .register(registry);
    }

    private static String describe(String name) {
        return switch (name) {
            case ENQUEUED -> "Frames appended to a mailbox";
            case REDELIVERED -> "Frames run again after an earlier holder stopped mid-frame";
            default -> "Frames moved to the dead letters";
        };
    }
}

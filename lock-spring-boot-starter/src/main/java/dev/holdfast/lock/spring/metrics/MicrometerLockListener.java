package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Records lock events as Micrometer meters: how long acquisitions took and how they ended, how long locks were held,
 * and how often leases were lost, preempted or could not be renewed.
 *
 * <p>Tags are low-cardinality only: the lock's {@code name} (its static metric name, by default the key's namespace),
 * the {@code store} and, for acquisitions, the {@code outcome}; never the key's id or the owner. Thread-safe; meters
 * are registered on first use and cached.
 */
public class MicrometerLockListener implements LockListener {

    /** Timer of acquisitions, tagged {@code name}, {@code store} and {@code outcome}. */
    public static final String ACQUIRE = "holdfast.lock.acquire";

    /** Timer of how long locks were held until released or lost, tagged {@code name} and {@code store}. */
    public static final String HELD = "holdfast.lock.held";

    /** Counter of leases found lost, tagged {@code name} and {@code store}. */
    public static final String LOST = "holdfast.lock.lost";

    /** Counter of grants that displaced a holder of lower priority, tagged {@code name} and {@code store}. */
    public static final String PREEMPTED = "holdfast.lock.preempted";

    /** Counter of watchdog renewals that could not reach the store, tagged {@code name} and {@code store}. */
    public static final String RENEWAL_FAILURES = "holdfast.lock.renewal.failures";

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            ACQUIRE, "Time taken to acquire a lock, waiting included, by outcome",
            HELD, "Time a lock was held until released or lost",
            LOST, "Leases found lost: expired, preempted, claimed or force-released",
            PREEMPTED, "Grants that displaced a holder of lower priority",
            RENEWAL_FAILURES, "Watchdog renewals that could not reach the store");

    private final MeterRegistry registry;

    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    /**
     * Create a listener recording into a registry.
     *
     * @param registry the registry
     */
    public MicrometerLockListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onAcquired(LockEvent event) {
        timer(ACQUIRE, event, Outcome.ACQUIRED).record(event.elapsed());
    }

    @Override
    public void onNotAcquired(LockEvent event) {
        Outcome outcome = (event.reason() == LockResult.Reason.TIMED_OUT) ? Outcome.TIMED_OUT : Outcome.REFUSED;
        timer(ACQUIRE, event, outcome).record(event.elapsed());
    }

    @Override
    public void onError(LockEvent event) {
        timer(ACQUIRE, event, Outcome.ERROR).record(event.elapsed());
    }

    @Override
    public void onReleased(LockEvent event) {
        timer(HELD, event, null).record(event.elapsed());
    }

    @Override
    public void onLost(LockEvent event) {
        timer(HELD, event, null).record(event.elapsed());
        counter(LOST, event).increment();
    }

    @Override
    public void onPreempted(LockEvent event) {
        counter(PREEMPTED, event).increment();
    }

    @Override
    public void onRenewalFailed(LockEvent event) {
        counter(RENEWAL_FAILURES, event).increment();
    }

    private Timer timer(String meter, LockEvent event, @Nullable Outcome outcome) {
        MeterKey key = new MeterKey(meter, event.name(), event.store(), outcome);
        return timers.computeIfAbsent(key, (k) -> {
            Timer.Builder builder = Timer.builder(meter)
                    .description(DESCRIPTIONS.get(meter))
                    .tag("name", k.name())
                    .tag("store", k.store());
            if (outcome != null) {
                builder.tag("outcome", outcome.tag);
            }
            return builder.register(registry);
        });
    }

    private Counter counter(String meter, LockEvent event) {
        MeterKey key = new MeterKey(meter, event.name(), event.store(), null);
        return counters.computeIfAbsent(
                key,
                (k) -> Counter.builder(meter)
                        .description(DESCRIPTIONS.get(meter))
                        .tag("name", k.name())
                        .tag("store", k.store())
                        .register(registry));
    }

    /** How an acquisition ended, as the {@code outcome} tag. */
    private enum Outcome {
        ACQUIRED("acquired"),
        REFUSED("refused"),
        TIMED_OUT("timed_out"),
        ERROR("error");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    /** Identifies one cached meter. */
    private record MeterKey(
            String meter,
            String name,
            String store,
            @Nullable Outcome outcome) {}
}

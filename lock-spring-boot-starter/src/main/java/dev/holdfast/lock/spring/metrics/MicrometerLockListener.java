package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import dev.holdfast.lock.spring.observation.LockOutcome;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Records lock events as Micrometer meters: how long locks were held, how often leases were lost, preempted or could
 * not be renewed, and (unless acquisitions are observed, whose observations Boot's meter handler turns into the same
 * timer) how long acquisitions took and how they ended.
 *
 * <p>Tags are low-cardinality only, with the keys of {@link LowCardinalityKeyNames}: {@code lock.name} (the lock's
 * static name, by default the key's namespace), {@code lock.store}, {@code lock.kind} and, for acquisitions,
 * {@code outcome} and {@code error}; never the key's id or the owner. Thread-safe; meters are cached.
 */
public class MicrometerLockListener implements LockListener {

    /**
     * Timer of acquisitions, tagged {@code lock.name}, {@code lock.store}, {@code lock.kind}, {@code outcome} and
     * {@code error}.
     */
    public static final String ACQUIRE = "holdfast.lock.acquire";

    /**
     * Timer of how long locks were held until released or lost, tagged {@code lock.name}, {@code lock.store} and
     * {@code lock.kind}.
     */
    public static final String HELD = "holdfast.lock.held";

    /** Counter of leases found lost, tagged {@code lock.name}, {@code lock.store} and {@code lock.kind}. */
    public static final String LOST = "holdfast.lock.lost";

    /** Counter of grants that displaced another holder, tagged like {@link #LOST}. */
    public static final String PREEMPTED = "holdfast.lock.preempted";

    /** Counter of watchdog renewals that could not reach the store, tagged like {@link #LOST}. */
    public static final String RENEWAL_FAILURES = "holdfast.lock.renewal.failures";

    static final Map<String, String> DESCRIPTIONS = Map.of(
            ACQUIRE, "Time taken to acquire a lock, waiting included, by outcome",
            HELD, "Time a lock was held until released or lost",
            LOST, "Leases found lost: expired, preempted, claimed or force-released",
            PREEMPTED, "Grants that displaced another holder",
            RENEWAL_FAILURES, "Watchdog renewals that could not reach the store");

    private final MeterRegistry registry;

    private final boolean timeAcquisitions;

    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    /**
     * Create a listener recording every meter into a registry, acquisitions included.
     *
     * @param registry the registry
     */
    public MicrometerLockListener(MeterRegistry registry) {
        this(registry, true);
    }

    /**
     * Create a listener recording into a registry.
     *
     * @param registry the registry
     * @param timeAcquisitions whether to record the {@value #ACQUIRE} timer; {@code false} when an
     *     {@code ObservationLockListener} observes acquisitions into an observation registry whose meter handler
     *     records it
     */
    public MicrometerLockListener(MeterRegistry registry, boolean timeAcquisitions) {
        this.registry = registry;
        this.timeAcquisitions = timeAcquisitions;
    }

    @Override
    public void onAcquired(LockEvent event) {
        acquisition(event, LockOutcome.ACQUIRED);
    }

    @Override
    public void onNotAcquired(LockEvent event) {
        LockResult.Reason reason = event.reason();
        acquisition(event, (reason != null) ? LockOutcome.of(reason) : LockOutcome.REFUSED);
    }

    @Override
    public void onError(LockEvent event) {
        acquisition(event, LockOutcome.ERROR);
    }

    @Override
    public void onReleased(LockEvent event) {
        timer(HELD, event, null, null).record(event.elapsed());
    }

    @Override
    public void onLost(LockEvent event) {
        timer(HELD, event, null, null).record(event.elapsed());
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

    private void acquisition(LockEvent event, LockOutcome outcome) {
        if (this.timeAcquisitions) {
            Throwable error = event.error();
            String errorTag = (error != null) ? error.getClass().getSimpleName() : KeyValue.NONE_VALUE;
            timer(ACQUIRE, event, outcome, errorTag).record(event.elapsed());
        }
    }

    private Timer timer(String meter, LockEvent event, @Nullable LockOutcome outcome, @Nullable String error) {
        MeterKey key = new MeterKey(meter, event.name(), event.store(), event.kind(), outcome, error);
        return this.timers.computeIfAbsent(key, (k) -> {
            Tags tags = tags(k.name(), k.store(), k.kind());
            if (outcome != null && error != null) {
                tags = tags.and(LowCardinalityKeyNames.OUTCOME.asString(), outcome.value())
                        .and("error", error);
            }
            return Timer.builder(meter)
                    .description(DESCRIPTIONS.get(meter))
                    .tags(tags)
                    .register(this.registry);
        });
    }

    private Counter counter(String meter, LockEvent event) {
        MeterKey key = new MeterKey(meter, event.name(), event.store(), event.kind(), null, null);
        return this.counters.computeIfAbsent(key, (k) -> counter(this.registry, meter, k.name(), k.store(), k.kind()));
    }

    /** Register (or find) one of the counters, as this listener and the template's binder both do. */
    static Counter counter(MeterRegistry registry, String meter, String name, String store, LockKind kind) {
        return Counter.builder(meter)
                .description(DESCRIPTIONS.get(meter))
                .tags(tags(name, store, kind))
                .register(registry);
    }

    static Tags tags(String name, String store, LockKind kind) {
        return Tags.of(
                LowCardinalityKeyNames.LOCK_NAME.asString(), name,
                LowCardinalityKeyNames.LOCK_STORE.asString(), store,
                LowCardinalityKeyNames.LOCK_KIND.asString(), kind.value());
    }

    /** Identifies one cached meter. */
    private record MeterKey(
            String meter,
            String name,
            String store,
            LockKind kind,
            @Nullable LockOutcome outcome,
            @Nullable String error) {}
}

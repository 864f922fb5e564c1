package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Gauges each semaphore this application uses: {@value #PERMITS_USED} (permits its holders hold, across every
 * instance) and {@value #PERMITS_SIZE} (its size), read from the store when the registry is scraped. A semaphore is
 * gauged from its first acquisition in this application on; one that was deleted reads {@code NaN}.
 *
 * <p>The gauges are tagged {@code lock.name}, {@code lock.store} and {@code semaphore} (the semaphore's key): unlike
 * lock keys, semaphores are few and created on purpose, so one series each stays bounded. Read/write locks, which come
 * and go with their holders, are not gauged. Thread-safe.
 */
public class SemaphoreMetrics implements LockListener {

    /** Gauge of the permits a semaphore's holders hold. */
    public static final String PERMITS_USED = "holdfast.semaphore.permits.used";

    /** Gauge of a semaphore's size. */
    public static final String PERMITS_SIZE = "holdfast.semaphore.permits.size";

    /** The tag naming the semaphore. */
    public static final String SEMAPHORE_TAG = "semaphore";

    private final MeterRegistry registry;

    private final Function<String, Optional<? extends LockOperations>> templates;

    private final Set<LockKey> gauged = ConcurrentHashMap.newKeySet();

    /**
     * Create the gauges' listener.
     *
     * @param registry the registry
     * @param templates the template of a store, by the store's name, to read semaphores with
     */
    public SemaphoreMetrics(MeterRegistry registry, Function<String, Optional<? extends LockOperations>> templates) {
        this.registry = registry;
        this.templates = templates;
    }

    @Override
    public void onAcquiring(LockEvent event) {
        if (event.kind() == LockKind.SEMAPHORE && this.gauged.add(event.key())) {
            gauge(PERMITS_USED, "Permits a semaphore's holders hold now", event, SemaphoreState::used);
            gauge(PERMITS_SIZE, "Permits a semaphore has", event, SemaphoreState::size);
        }
    }

    private void gauge(String meter, String description, LockEvent event, ToIntFunction<SemaphoreState> value) {
        LockKey key = event.key();
        String store = event.store();
        Gauge.builder(
                        meter,
                        () -> this.templates
                                .apply(store)
                                .flatMap((template) -> template.inspectSemaphore(key))
                                .map((state) -> (Number) value.applyAsInt(state))
                                .orElse(Double.NaN))
                .description(description)
                .tag(LowCardinalityKeyNames.LOCK_NAME.asString(), event.name())
                .tag(LowCardinalityKeyNames.LOCK_STORE.asString(), store)
                .tag(SEMAPHORE_TAG, key.toString())
                .strongReference(true)
                .register(this.registry);
    }
}

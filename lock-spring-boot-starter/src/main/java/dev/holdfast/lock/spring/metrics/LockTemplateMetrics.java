package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the meters of the application's {@link LockTemplate templates} when the registry is ready: the
 * {@value #ACTIVE} gauge (how many leases they hold now, per store) and, at zero, one series of each event counter
 * ({@value MicrometerLockListener#LOST}, {@value MicrometerLockListener#PREEMPTED},
 * {@value MicrometerLockListener#RENEWAL_FAILURES}) per store.
 *
 * <p>Lock names are only known when a lock is first used, so the counters registered up front are tagged
 * {@code lock.name=none} and {@code lock.kind=lock}: each meter exists (and {@code /actuator/metrics} answers for it)
 * before its first event, with the same tag keys as the series that events add later, and sums over all series stay
 * right.
 */
public class LockTemplateMetrics implements MeterBinder {

    /** Gauge of the leases held by this application, tagged {@code lock.store}. */
    public static final String ACTIVE = "holdfast.lock.active";

    /** The {@code lock.name} of the counters registered before any lock is used. */
    public static final String NO_NAME = KeyValue.NONE_VALUE;

    private static final List<String> COUNTERS = List.of(
            MicrometerLockListener.LOST, MicrometerLockListener.PREEMPTED, MicrometerLockListener.RENEWAL_FAILURES);

    private final List<LockTemplate> templates;

    /**
     * Create the binder for some templates.
     *
     * @param templates the templates whose held leases are counted
     */
    public LockTemplateMetrics(List<LockTemplate> templates) {
        this.templates = List.copyOf(templates);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, List<LockTemplate>> byStore =
                templates.stream().collect(Collectors.groupingBy((template) -> template.storeName()));
        byStore.forEach((store, sharing) -> {
            Gauge.builder(ACTIVE, sharing, LockTemplateMetrics::held)
                    .description("Leases held by this application now")
                    .tag(LowCardinalityKeyNames.LOCK_STORE.asString(), store)
                    .strongReference(true)
                    .register(registry);
            for (String counter : COUNTERS) {
                MicrometerLockListener.counter(registry, counter, NO_NAME, store, LockKind.LOCK);
            }
        });
    }

    private static double held(List<LockTemplate> templates) {
        return templates.stream().mapToInt(LockTemplate::heldCount).sum();
    }
}

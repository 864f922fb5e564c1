package dev.holdfast.lock.spring.metrics;

import dev.holdfast.lock.LockTemplate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the {@value #ACTIVE} gauge: how many leases the application's {@link LockTemplate templates} hold now, per
 * store.
 */
public class LockTemplateMetrics implements MeterBinder {

    /** Gauge of the leases held by this application, tagged {@code store}. */
    public static final String ACTIVE = "holdfast.lock.active";

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
        byStore.forEach((store, sharing) -> Gauge.builder(ACTIVE, sharing, LockTemplateMetrics::held)
                .description("Leases held by this application now")
                .tag("store", store)
                .strongReference(true)
                .register(registry));
    }

    private static double held(List<LockTemplate> templates) {
        return templates.stream().mapToInt(LockTemplate::heldCount).sum();
    }
}

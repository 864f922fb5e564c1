package dev.holdfast.lock.spring.autoconfigure.metrics;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.metrics.LockTemplateMetrics;
import dev.holdfast.lock.spring.metrics.MicrometerLockListener;
import dev.holdfast.lock.spring.metrics.SemaphoreMetrics;
import dev.holdfast.lock.spring.observation.ObservationLockListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for Holdfast's locks: a {@link MicrometerLockListener}, which the {@link LockTemplate} picks up
 * with the other listener beans, the {@link SemaphoreMetrics semaphores' gauges}, and the
 * {@link LockTemplateMetrics template's meters} (the held-leases gauge and the
 * event counters at zero). When an {@link ObservationLockListener} observes acquisitions, the listener leaves the
 * acquire timer to the observation registry's meter handler, so that it is recorded once. Each backs off for a bean
 * of the application's own.
 */
@AutoConfiguration(
        afterName = {
            "dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration",
            "dev.holdfast.lock.spring.autoconfigure.observation.LockObservationAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, LockTemplate.class})
public final class LockMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerLockListener micrometerLockListener(
            MeterRegistry meterRegistry, ObjectProvider<ObservationLockListener> observationListener) {
        // Observed acquisitions become the acquire timer through the observation registry's meter handler
        boolean observed = observationListener.getIfAvailable() != null;
        return new MicrometerLockListener(meterRegistry, !observed);
    }

    @Bean
    @ConditionalOnMissingBean
    SemaphoreMetrics semaphoreMetrics(MeterRegistry meterRegistry, ObjectProvider<LockTemplate> templates) {
        // Looked up when a gauge is read: the template is created with this listener
        return new SemaphoreMetrics(
                meterRegistry,
                (store) -> templates
                        .orderedStream()
                        .filter((template) -> template.storeName().equals(store))
                        .findFirst());
    }

    @Bean
    @ConditionalOnMissingBean
    LockTemplateMetrics lockTemplateMetrics(ObjectProvider<LockTemplate> templates) {
        return new LockTemplateMetrics(templates.orderedStream().toList());
    }
}

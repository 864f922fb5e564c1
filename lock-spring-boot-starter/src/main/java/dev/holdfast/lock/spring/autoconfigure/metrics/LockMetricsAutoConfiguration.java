package dev.holdfast.lock.spring.autoconfigure.metrics;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.metrics.LockTemplateMetrics;
import dev.holdfast.lock.spring.metrics.MicrometerLockListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for Holdfast's locks: a {@link MicrometerLockListener}, which the {@link LockTemplate} picks up
 * with the other listener beans, and the {@link LockTemplateMetrics held-leases gauge}. Each backs off for a bean of
 * the application's own.
 */
@AutoConfiguration(
        afterName = {
            "dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, LockTemplate.class})
public final class LockMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerLockListener micrometerLockListener(MeterRegistry meterRegistry) {
        return new MicrometerLockListener(meterRegistry);
    }

    @Bean
    @ConditionalOnMissingBean
    LockTemplateMetrics lockTemplateMetrics(ObjectProvider<LockTemplate> templates) {
        return new LockTemplateMetrics(templates.orderedStream().toList());
    }
}

package dev.holdfast.lock.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.metrics.LockTemplateMetrics;
import dev.holdfast.lock.spring.metrics.MicrometerLockListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LockMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    LockMetricsAutoConfiguration.class));

    @Test
    void shouldRecordLockMetricsIntoTheApplicationsRegistry() {
        runner.withUserConfiguration(TemplateConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(MicrometerLockListener.class).hasSingleBean(LockTemplateMetrics.class);
            LockTemplate template = context.getBean(LockTemplate.class);
            template.acquire(LockRequest.of("room", 101).build()).close();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("holdfast.lock.acquire")
                            .tags(
                                    "lock.name",
                                    "room",
                                    "lock.store",
                                    "memory",
                                    "lock.kind",
                                    "lock",
                                    "outcome",
                                    "acquired")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("holdfast.lock.active")
                            .tag("lock.store", "memory")
                            .gauge()
                            .value())
                    .isZero();
        });
    }

    @Test
    void shouldBackOffForTheApplicationsOwnListenerAndGauge() {
        runner.withUserConfiguration(TemplateConfiguration.class, OwnMetricsConfiguration.class)
                .run((context) -> {
                    assertThat(context).getBean(MicrometerLockListener.class).isSameAs(context.getBean("ownListener"));
                    assertThat(context).getBean(LockTemplateMetrics.class).isSameAs(context.getBean("ownMetrics"));
                });
    }

    @Test
    void shouldNotConfigureMetricsWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LockMetricsAutoConfiguration.class))
                .withUserConfiguration(TemplateConfiguration.class)
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MicrometerLockListener.class)
                        .doesNotHaveBean(LockTemplateMetrics.class));
    }

    @Test
    void shouldNotConfigureMetricsWithoutALockTemplate() {
        runner.run((context) -> assertThat(context)
                .hasSingleBean(MeterRegistry.class)
                .doesNotHaveBean(MicrometerLockListener.class)
                .doesNotHaveBean(LockTemplateMetrics.class));
    }

    @Test
    void shouldNotConfigureMetricsWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LockMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withUserConfiguration(TemplateConfiguration.class)
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MicrometerLockListener.class)
                        .doesNotHaveBean(LockTemplateMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class TemplateConfiguration {

        @Bean(destroyMethod = "close")
        LockTemplate lockTemplate(ObjectProvider<LockListener> listeners) {
            return LockTemplate.builder(new InMemoryLockStore())
                    .listeners(listeners.orderedStream().toList())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetricsConfiguration {

        @Bean
        MicrometerLockListener ownListener() {
            return new MicrometerLockListener(new SimpleMeterRegistry());
        }

        @Bean
        LockTemplateMetrics ownMetrics() {
            return new LockTemplateMetrics(List.of());
        }
    }
}

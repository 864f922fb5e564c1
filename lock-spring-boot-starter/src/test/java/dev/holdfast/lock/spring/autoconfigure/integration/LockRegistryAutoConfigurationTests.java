package dev.holdfast.lock.spring.autoconfigure.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.integration.HoldfastLockRegistry;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

class LockRegistryAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockRegistryAutoConfiguration.class));

    @Test
    void shouldProvideALockRegistryOverTheTemplate() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockRegistry.class);
            LockRegistry<?> registry = context.getBean(LockRegistry.class);
            assertThat(registry).isInstanceOf(HoldfastLockRegistry.class);
            Lock lock = registry.obtain("order-7");
            lock.lock();
            assertThat(context.getBean(LockTemplate.class).inspect(new LockKey("integration", "order-7")))
                    .isPresent();
            lock.unlock();
        });
    }

    @Test
    void shouldTakeNamespaceAndLeaseFromProperties() {
        this.runner
                .withPropertyValues("holdfast.integration.namespace=orders", "holdfast.integration.lease=12s")
                .run((context) -> {
                    HoldfastLockRegistry registry = context.getBean(HoldfastLockRegistry.class);
                    assertThat(registry.locks().namespace()).isEqualTo("orders");
                    assertThat(registry.locks().lease()).isEqualTo(Duration.ofSeconds(12));
                });
    }

    @Test
    void shouldBackOffForALockRegistryOfTheApplication() {
        this.runner
                .withBean("myRegistry", LockRegistry.class, DefaultLockRegistry::new)
                .run((context) -> {
                    assertThat(context).hasSingleBean(LockRegistry.class);
                    assertThat(context.getBean(LockRegistry.class)).isInstanceOf(DefaultLockRegistry.class);
                });
    }

    @Test
    void shouldStayOffWhenDisabled() {
        this.runner
                .withPropertyValues("holdfast.integration.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(LockRegistry.class));
    }

    @Test
    void shouldStayOffWithoutSpringIntegration() {
        this.runner
                .withClassLoader(new FilteredClassLoader(LockRegistry.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(HoldfastLockRegistry.class)
                        .hasSingleBean(LockTemplate.class));
    }

    @Test
    void shouldFailAtStartupNamingABadNamespace() {
        this.runner
                .withPropertyValues("holdfast.integration.namespace=order lines")
                .run((context) -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("holdfast.integration.namespace is 'order lines'"));
    }
}

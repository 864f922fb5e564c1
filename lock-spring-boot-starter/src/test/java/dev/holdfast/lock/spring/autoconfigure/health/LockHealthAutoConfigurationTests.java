package dev.holdfast.lock.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.actuate.health.LockStoreHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LockHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LockHealthAutoConfiguration.class));

    @Test
    void shouldContributeTheStoresHealthAsHoldfast() {
        runner.withUserConfiguration(StoreConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(LockStoreHealthIndicator.class);
            assertThat(context.getBean("holdfastHealthContributor")).isInstanceOf(LockStoreHealthIndicator.class);
        });
    }

    @Test
    void shouldContributeOneIndicatorPerStoreWhenThereAreSeveral() {
        runner.withUserConfiguration(TwoStoresConfiguration.class).run((context) -> {
            HealthContributor contributor = context.getBean("holdfastHealthContributor", HealthContributor.class);
            assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
            CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
            assertThat(composite.getContributor("orders")).isInstanceOf(LockStoreHealthIndicator.class);
            assertThat(composite.getContributor("jobs")).isInstanceOf(LockStoreHealthIndicator.class);
        });
    }

    @Test
    void shouldBackOffForTheApplicationsOwnIndicator() {
        runner.withUserConfiguration(StoreConfiguration.class, OwnIndicatorConfiguration.class)
                .run((context) -> assertThat(context)
                        .doesNotHaveBean("holdfastHealthContributor")
                        .doesNotHaveBean(LockStoreHealthIndicator.class)
                        .hasBean("holdfastHealthIndicator"));
    }

    @Test
    void shouldNotContributeWhenTurnedOff() {
        runner.withUserConfiguration(StoreConfiguration.class)
                .withPropertyValues("management.health.holdfast.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean("holdfastHealthContributor"));
    }

    @Test
    void shouldNotContributeWithoutAStore() {
        runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("holdfastHealthContributor"));
    }

    @Test
    void shouldNotContributeWithoutBootsHealthModule() {
        runner.withUserConfiguration(StoreConfiguration.class)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("holdfastHealthContributor"));
    }

    @Configuration(proxyBeanMethods = false)
    static class StoreConfiguration {

        @Bean
        LockStore lockStore() {
            return new InMemoryLockStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoStoresConfiguration {

        @Bean
        LockStore orders() {
            return new InMemoryLockStore();
        }

        @Bean
        LockStore jobs() {
            return new InMemoryLockStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicatorConfiguration {

        @Bean
        HealthIndicator holdfastHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}

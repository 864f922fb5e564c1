package dev.holdfast.lock.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.actuate.endpoint.LocksEndpoint;
import dev.holdfast.lock.spring.actuate.endpoint.LocksEndpointWebExtension;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LocksEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocksEndpointAutoConfiguration.class))
            .withUserConfiguration(TemplateConfiguration.class);

    @Test
    void shouldNotOfferTheEndpointWhenNotExposed() {
        runner.run((context) -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(LocksEndpoint.class)
                .doesNotHaveBean(LocksEndpointWebExtension.class));
    }

    @Test
    void shouldOfferTheEndpointAndItsWebExtensionWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=locks")
                .run((context) -> assertThat(context)
                        .hasSingleBean(LocksEndpoint.class)
                        .hasSingleBean(LocksEndpointWebExtension.class));
    }

    @Test
    void shouldOfferTheEndpointWithoutWebExtensionWhenExposedOverJmxOnly() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=locks")
                .run((context) -> assertThat(context)
                        .hasSingleBean(LocksEndpoint.class)
                        .doesNotHaveBean(LocksEndpointWebExtension.class));
    }

    @Test
    void shouldNotOfferTheEndpointWhenItsAccessIsNone() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=locks", "management.endpoint.locks.access=NONE")
                .run((context) -> assertThat(context).doesNotHaveBean(LocksEndpoint.class));
    }

    @Test
    void shouldBackOffForTheApplicationsOwnEndpoint() {
        runner.withUserConfiguration(OwnEndpointConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=locks")
                .run((context) -> {
                    assertThat(context).getBean(LocksEndpoint.class).isSameAs(context.getBean("ownLocksEndpoint"));
                    assertThat(context).hasSingleBean(LocksEndpointWebExtension.class);
                });
    }

    @Test
    void shouldNotOfferTheEndpointWithoutALockTemplate() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LocksEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=locks")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocksEndpoint.class));
    }

    @Test
    void shouldNotOfferTheEndpointWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
                .withPropertyValues("management.endpoints.web.exposure.include=locks")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocksEndpoint.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class TemplateConfiguration {

        @Bean(destroyMethod = "close")
        LockTemplate lockTemplate() {
            return LockTemplate.of(new InMemoryLockStore());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpointConfiguration {

        @Bean
        LocksEndpoint ownLocksEndpoint(LockTemplate lockTemplate) {
            return new LocksEndpoint(lockTemplate);
        }
    }
}

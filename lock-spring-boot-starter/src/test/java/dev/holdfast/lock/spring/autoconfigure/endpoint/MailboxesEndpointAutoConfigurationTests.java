package dev.holdfast.lock.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.actuate.endpoint.MailboxesEndpoint;
import dev.holdfast.lock.spring.actuate.endpoint.MailboxesEndpointWebExtension;
import dev.holdfast.lock.spring.autoconfigure.metrics.MailboxMetricsAutoConfiguration;
import dev.holdfast.lock.spring.metrics.MailboxMetrics;
import dev.holdfast.lock.spring.metrics.MicrometerMailboxListener;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the mailbox endpoint and meters are configured: only beside a {@code Mailboxes} bean, the endpoint exposed. */
class MailboxesEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MailboxesEndpointAutoConfiguration.class, MailboxMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void shouldOfferTheEndpointAndMetersBesideMailboxes() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=mailboxes")
                .run((context) -> {
                    assertThat(context)
                            .hasSingleBean(MailboxesEndpoint.class)
                            .hasSingleBean(MailboxesEndpointWebExtension.class)
                            .hasSingleBean(MailboxMetrics.class)
                            .hasSingleBean(MicrometerMailboxListener.class);
                    // The listener bean reached the mailboxes built with the listener beans
                    context.getBean(Mailboxes.class).call(OrderEvents.TYPE, 1, "paid");
                    assertThat(context.getBean(MeterRegistry.class)
                                    .get(MicrometerMailboxListener.ENQUEUED)
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void shouldNotOfferTheEndpointWhenNotExposed() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailboxesEndpoint.class));
    }

    @Test
    void shouldOfferNothingWithoutMailboxes() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=mailboxes")
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MailboxesEndpoint.class)
                        .doesNotHaveBean(MailboxMetrics.class)
                        .doesNotHaveBean(MicrometerMailboxListener.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class MailboxesConfiguration {

        @Bean
        InMemoryLockStore lockStore() {
            return new InMemoryLockStore();
        }

        @Bean(destroyMethod = "close")
        LockTemplate lockTemplate(InMemoryLockStore lockStore) {
            return LockTemplate.of(lockStore);
        }

        @Bean(destroyMethod = "close")
        Mailboxes mailboxes(
                LockTemplate lockTemplate, InMemoryLockStore lockStore, ObjectProvider<MailboxListener> listeners) {
            return MailboxApplication.build(lockTemplate, lockStore, new OrderEvents(), listeners);
        }
    }
}

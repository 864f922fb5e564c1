package dev.holdfast.lock.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.actuate.health.MailboxesHealthIndicator;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code mailboxes} health contributor over a real in-memory store, on both sides of its threshold. */
class MailboxHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailboxHealthAutoConfiguration.class));

    @Test
    void shouldBeUpWithoutDeadLettersAndWarnAtTheFirstByDefault() {
        runner.withUserConfiguration(MailboxesConfiguration.class).run((context) -> {
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            assertThat(health(context).getDetails()).containsEntry("deadLetterThreshold", 0L);

            deadLetter(context, "1");

            Health warned = health(context);
            assertThat(warned.getStatus()).isEqualTo(MailboxesHealthIndicator.WARN);
            assertThat(warned.getDetails()).containsEntry("overThreshold", Map.of("orders", 1L));
        });
    }

    @Test
    void shouldStayUpUpToTheThresholdAndReportTheTypeBeyondIt() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .withPropertyValues("holdfast.mailbox.health.dead-letter-threshold=2")
                .run((context) -> {
                    deadLetter(context, "1");
                    deadLetter(context, "2");
                    Health atThreshold = health(context);
                    assertThat(atThreshold.getStatus()).isEqualTo(Status.UP);
                    assertThat(atThreshold.getDetails())
                            .containsEntry("types", Map.of("orders", Map.of("deadLetters", 2L, "depth", 0L)))
                            .doesNotContainKey("overThreshold");

                    deadLetter(context, "3");

                    assertThat(health(context).getStatus()).isEqualTo(MailboxesHealthIndicator.WARN);
                    assertThat(health(context).getDetails()).containsEntry("overThreshold", Map.of("orders", 3L));
                });
    }

    @Test
    void shouldReportTheConfiguredStatusSuchAsDown() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .withPropertyValues("holdfast.mailbox.health.dead-letter-status=down")
                .run((context) -> {
                    deadLetter(context, "1");
                    assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void shouldFailAtStartupNamingTheThresholdPropertyWhenNegative() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .withPropertyValues("holdfast.mailbox.health.dead-letter-threshold=-1")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("holdfast.mailbox.health.dead-letter-threshold is '-1'"));
    }

    @Test
    void shouldNotContributeWhenTurnedOffOrWithoutMailboxes() {
        runner.withUserConfiguration(MailboxesConfiguration.class)
                .withPropertyValues("management.health.mailboxes.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(MailboxesHealthIndicator.class));
        runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailboxesHealthIndicator.class));
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean(MailboxesHealthIndicator.class).health(true);
    }

    private static void deadLetter(AssertableApplicationContext context, String id) {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> context.getBean(Mailboxes.class).call(OrderEvents.TYPE, id, "poison"));
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

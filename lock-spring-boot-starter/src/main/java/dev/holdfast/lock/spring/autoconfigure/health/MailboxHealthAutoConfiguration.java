package dev.holdfast.lock.spring.autoconfigure.health;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spring.actuate.health.MailboxesHealthIndicator;
import dev.holdfast.lock.spring.autoconfigure.MailboxHealthProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * The {@code mailboxes} health contributor: a {@link MailboxesHealthIndicator} over the application's
 * {@link Mailboxes}, with the threshold and status of {@code holdfast.mailbox.health.*}. Turned off with
 * {@code management.health.mailboxes.enabled=false}; backs off for a {@code mailboxesHealthIndicator} bean of the
 * application's own.
 */
@AutoConfiguration(afterName = "dev.holdfast.lock.spring.autoconfigure.mailbox.MailboxAutoConfiguration")
@ConditionalOnClass({Mailboxes.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Mailboxes.class)
@ConditionalOnEnabledHealthIndicator("mailboxes")
@EnableConfigurationProperties(MailboxHealthProperties.class)
public final class MailboxHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mailboxesHealthIndicator")
    MailboxesHealthIndicator mailboxesHealthIndicator(Mailboxes mailboxes, MailboxHealthProperties properties) {
        String code = properties.getDeadLetterStatus();
        Status over =
                code.equals(MailboxesHealthIndicator.WARN.getCode()) ? MailboxesHealthIndicator.WARN : new Status(code);
        return new MailboxesHealthIndicator(mailboxes.inspector(), properties.getDeadLetterThreshold(), over);
    }
}

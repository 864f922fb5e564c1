package dev.holdfast.lock.spring.autoconfigure.metrics;

import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spring.metrics.MailboxMetrics;
import dev.holdfast.lock.spring.metrics.MicrometerMailboxListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the application's {@link Mailboxes}: a {@link MicrometerMailboxListener} (a
 * {@link MailboxListener} bean, which the mailboxes' auto-configuration registers with the other listener beans) and
 * the {@link MailboxMetrics} gauges of each registered type, with its counters at zero. Each backs off for a bean of
 * the application's own.
 */
@AutoConfiguration(
        afterName = {
            "dev.holdfast.lock.spring.autoconfigure.mailbox.MailboxAutoConfiguration",
            "dev.holdfast.lock.spring.autoconfigure.metrics.LockMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({MeterRegistry.class, Mailboxes.class})
@ConditionalOnBean({MeterRegistry.class, Mailboxes.class})
public final class MailboxMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerMailboxListener micrometerMailboxListener(MeterRegistry meterRegistry) {
        return new MicrometerMailboxListener(meterRegistry);
    }

    @Bean
    @ConditionalOnMissingBean
    MailboxMetrics mailboxMetrics(Mailboxes mailboxes) {
        return new MailboxMetrics(mailboxes.inspector(), Clock.systemUTC());
    }
}

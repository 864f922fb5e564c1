package dev.holdfast.lock.spring.autoconfigure.endpoint;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spring.actuate.endpoint.MailboxesEndpoint;
import dev.holdfast.lock.spring.actuate.endpoint.MailboxesEndpointWebExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The {@link MailboxesEndpoint mailboxes endpoint} over the application's {@link Mailboxes}, when the endpoint is
 * available (exposed and not turned off), with its web extension when exposed over HTTP. The drain after a requeue runs
 * on a daemon thread of its own. Each backs off for a bean of the application's own.
 */
@AutoConfiguration(afterName = "dev.holdfast.lock.spring.autoconfigure.mailbox.MailboxAutoConfiguration")
@ConditionalOnClass({Mailboxes.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnSingleCandidate(Mailboxes.class)
@ConditionalOnAvailableEndpoint(MailboxesEndpoint.class)
public final class MailboxesEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MailboxesEndpoint mailboxesEndpoint(Mailboxes mailboxes) {
        SimpleAsyncTaskExecutor drains = new SimpleAsyncTaskExecutor("holdfast-mailbox-requeue-");
        drains.setDaemon(true);
        return new MailboxesEndpoint(mailboxes, drains);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MailboxesEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    MailboxesEndpointWebExtension mailboxesEndpointWebExtension(MailboxesEndpoint mailboxesEndpoint) {
        return new MailboxesEndpointWebExtension(mailboxesEndpoint);
    }
}

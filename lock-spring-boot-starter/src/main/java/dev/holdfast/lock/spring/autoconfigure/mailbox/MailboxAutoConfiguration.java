package dev.holdfast.lock.spring.autoconfigure.mailbox;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.MailboxProperties;
import dev.holdfast.lock.spring.mailbox.AnnotatedMailboxes;
import dev.holdfast.lock.spring.mailbox.MailboxConfiguration;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailboxes in a Spring application: the {@link Mailboxes} bean over the {@link LockTemplate} and the lock store (when
 * it keeps mailboxes, as the memory, Redis and database stores do), with the {@code @Mailbox} types found on the
 * application's beans and the settings of {@code holdfast.mailbox.*}, closed on shutdown; and the {@code @Mailbox}
 * advisor with its startup checks, frames written by the application's {@link JsonMapper}.
 */
@AutoConfiguration(
        after = {LockTemplateAutoConfiguration.class, LockedAutoConfiguration.class},
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({JsonMapper.class, Mailboxes.class})
@EnableConfigurationProperties(HoldfastProperties.class)
@Import(MailboxConfiguration.class)
public final class MailboxAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({LockTemplate.class, MailboxStore.class})
    static class MailboxesConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        Mailboxes mailboxes(
                LockTemplate lockTemplate,
                LockStore lockStore,
                HoldfastProperties properties,
                AnnotatedMailboxes annotated) {
            MailboxProperties mailbox = properties.getMailbox();
            Set<String> types = annotated.types();
            mailbox.checkTypes(types);
            return annotated
                    .registerAll(Mailboxes.builder(lockTemplate, (MailboxStore) lockStore), mailbox::settings)
                    .callTimeout(mailbox.getCallTimeout())
                    .build();
        }
    }
}

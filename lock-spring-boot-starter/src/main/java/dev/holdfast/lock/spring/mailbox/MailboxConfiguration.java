package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.support.LockAnnotationValidator;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Applies {@link Mailbox}: the advisor (ordered by {@code holdfast.advisor-order}, beside {@code @Locked}'s, so
 * outside {@code @Transactional}), the check of every {@code @Mailbox} method at startup (with a warning for a bean calling its own), and
 * {@link AnnotatedMailboxes}, whose types the {@link dev.holdfast.lock.mailbox.Mailboxes} bean registers. The
 * starter's auto-configuration imports it.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class MailboxConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static MailboxAdvisor mailboxAdvisor(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        // Infrastructure created before @ConfigurationProperties beans exist: bind the properties as
        // LockedConfiguration
        HoldfastProperties properties = Binder.get(environment).bindOrCreate("holdfast", HoldfastProperties.class);
        return new MailboxAdvisor(beanFactory, properties.getAdvisorOrder());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static MailboxBeans mailboxMethodValidator(MailboxAdvisor mailboxAdvisor) {
        return mailboxAdvisor.beans();
    }

    /** Warns about a bean calling its own {@code @Mailbox} method, which goes past the proxy and the mailbox. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockAnnotationValidator mailboxSelfInvocationWarnings() {
        return new LockAnnotationValidator(Mailbox.class, (method, targetClass) -> {}, "the mailbox");
    }

    @Bean
    AnnotatedMailboxes annotatedMailboxes(ConfigurableListableBeanFactory beanFactory, MailboxAdvisor mailboxAdvisor) {
        return new AnnotatedMailboxes(beanFactory, mailboxAdvisor);
    }
}

package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.spring.aop.LockedAdvisor;
import dev.holdfast.lock.spring.aop.LockedMethodValidator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * The advisor that applies {@code @Locked}, ordered by {@code holdfast.advisor-order} (by default outside
 * {@code @Transactional}), the check of every {@code @Locked} method at startup, and an auto-proxy creator if the
 * application has none.
 */
@AutoConfiguration(
        after = LockTemplateAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@Import(LockedProxyRegistrar.class)
public final class LockedAutoConfiguration {

    /**
     * The advisor is infrastructure that the auto-proxy creator looks up while other post-processors are still being
     * created, before {@code @ConfigurationProperties} beans may be; so it binds {@link HoldfastProperties} itself
     * with Spring Boot's {@link Binder}, to the same class, defaults and checks.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static LockedAdvisor lockedAdvisor(BeanFactory beanFactory, Environment environment) {
        HoldfastProperties properties = Binder.get(environment).bindOrCreate("holdfast", HoldfastProperties.class);
        return new LockedAdvisor(beanFactory, properties.getAdvisorOrder());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static LockedMethodValidator lockedMethodValidator(LockedAdvisor lockedAdvisor) {
        return new LockedMethodValidator(lockedAdvisor);
    }
}

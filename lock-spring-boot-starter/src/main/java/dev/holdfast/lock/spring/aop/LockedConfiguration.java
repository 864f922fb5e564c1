package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.support.LockAnnotationValidator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Applies {@link Locked}: the advisor, ordered by {@code holdfast.advisor-order} (by default outside
 * {@code @Transactional}), and the check of every {@code @Locked} bean method at startup, which also warns about a
 * bean calling its own {@code @Locked} method. The starter's auto-configuration imports it; an application without
 * auto-configuration imports it beside a {@link dev.holdfast.lock.LockTemplate} bean and an auto-proxy creator.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class LockedConfiguration {

    /** The advisor's order when {@code holdfast.advisor-order} is not set: before {@code @Transactional}'s. */
    public static final int DEFAULT_ADVISOR_ORDER = Ordered.LOWEST_PRECEDENCE - 200;

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockedAdvisor lockedAdvisor(BeanFactory beanFactory, Environment environment) {
        // Infrastructure the auto-proxy creator looks up before @ConfigurationProperties beans exist: bind the one
        // properties class with Boot's Binder, to the same defaults and checks.
        HoldfastProperties properties = Binder.get(environment).bindOrCreate("holdfast", HoldfastProperties.class);
        return new LockedAdvisor(beanFactory, properties.getAdvisorOrder());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockAnnotationValidator lockedMethodValidator(LockedAdvisor lockedAdvisor) {
        LockedMethods methods = lockedAdvisor.methods();
        return new LockAnnotationValidator(Locked.class, methods::get, "the lock");
    }
}

package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import dev.holdfast.lock.support.LockAnnotationValidator;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards Spring MVC handlers annotated with {@link OfflineLocked}: the interceptor, the check of every annotated
 * handler method at startup, the 412 problem-detail handler and the {@link OfflineLockOwnerResolver} (the request's principal
 * unless the application declares one). The offline lock auto-configuration imports it in servlet web applications.
 */
@Configuration(proxyBeanMethods = false)
public final class OfflineLockWebConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static OfflineLockGuards offlineLockGuards(BeanFactory beanFactory) {
        return new OfflineLockGuards(new LockExpressionEvaluator(beanFactory));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockAnnotationValidator offlineLockedMethodValidator(OfflineLockGuards offlineLockGuards) {
        return new LockAnnotationValidator(OfflineLocked.class, offlineLockGuards::get, null);
    }

    @Bean
    @ConditionalOnMissingBean
    OfflineLockOwnerResolver offlineLockOwnerResolver() {
        return OfflineLockOwnerResolver.principal();
    }

    @Bean
    OfflineLockInterceptor offlineLockInterceptor(
            OfflineLockGuards offlineLockGuards, OfflineLocks locks, OfflineLockOwnerResolver ownerResolver) {
        return new OfflineLockInterceptor(offlineLockGuards, locks, ownerResolver);
    }

    @Bean
    @ConditionalOnMissingBean
    OfflineLockProblemHandler offlineLockProblemHandler() {
        return new OfflineLockProblemHandler();
    }

    @Bean
    WebMvcConfigurer offlineLockWebMvcConfigurer(OfflineLockInterceptor offlineLockInterceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(offlineLockInterceptor);
            }
        };
    }
}

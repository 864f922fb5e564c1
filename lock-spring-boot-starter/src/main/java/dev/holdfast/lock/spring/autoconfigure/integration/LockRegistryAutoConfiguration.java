package dev.holdfast.lock.spring.autoconfigure.integration;

import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.concurrent.HoldfastLocks;
import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.integration.HoldfastLockRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * A {@link HoldfastLockRegistry}, Spring Integration's {@link LockRegistry} over the application's
 * {@link LockOperations}, with the namespace and lease of {@code holdfast.integration.*}. Backs off for a
 * {@code LockRegistry} of the application's own; turned off with {@code holdfast.integration.enabled=false}.
 */
@AutoConfiguration(after = LockTemplateAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
@ConditionalOnBean(LockOperations.class)
@ConditionalOnBooleanProperty(name = "holdfast.integration.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class LockRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockRegistry.class)
    HoldfastLockRegistry holdfastLockRegistry(LockOperations lockOperations, HoldfastProperties properties) {
        HoldfastProperties.Integration integration = properties.getIntegration();
        return new HoldfastLockRegistry(HoldfastLocks.builder(lockOperations, integration.getNamespace())
                .lease(integration.getLease())
                .build());
    }
}

package dev.holdfast.lock.spring.autoconfigure.shedlock;

import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.shedlock.HoldfastLockProvider;
import net.javacrumbs.shedlock.core.LockProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link HoldfastLockProvider}, ShedLock's {@link LockProvider} over the application's {@link LockOperations}, with
 * the namespace and keep-alive of {@code holdfast.shedlock.*}: {@code @SchedulerLock} methods then lock in Holdfast's
 * store. Backs off for a {@code LockProvider} of the application's own; turned off with
 * {@code holdfast.shedlock.enabled=false}.
 */
@AutoConfiguration(after = LockTemplateAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
@ConditionalOnBean(LockOperations.class)
@ConditionalOnBooleanProperty(name = "holdfast.shedlock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class ShedLockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockProvider.class)
    HoldfastLockProvider holdfastLockProvider(LockOperations lockOperations, HoldfastProperties properties) {
        HoldfastProperties.Shedlock shedlock = properties.getShedlock();
        return new HoldfastLockProvider(lockOperations, shedlock.getNamespace(), shedlock.isKeepAlive());
    }
}

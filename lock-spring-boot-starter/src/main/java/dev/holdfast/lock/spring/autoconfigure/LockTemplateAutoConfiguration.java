package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.aop.LockKeyResolver;
import dev.holdfast.lock.spring.aop.LockOwnerResolver;
import dev.holdfast.lock.spring.aop.LockedDefaults;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link LockTemplate} over the application's {@link LockStore}, with every {@link LockListener} bean in order,
 * and the defaults, key resolver and owner resolver of {@code @Locked} methods. Each backs off for a bean of the
 * application's own.
 */
@AutoConfiguration(after = LockStoreAutoConfiguration.class)
@ConditionalOnBean(LockStore.class)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class LockTemplateAutoConfiguration {

    private static final Log logger = LogFactory.getLog(LockTemplateAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LockTemplate lockTemplate(
            LockStore lockStore, ObjectProvider<LockListener> listeners, HoldfastProperties properties) {
        LockTemplate.Builder builder = LockTemplate.builder(lockStore)
                .listeners(listeners.orderedStream().toList())
                .watchdogPeriod(properties.getWatchdogPeriod());
        String instanceId = properties.getInstanceId();
        if (instanceId != null) {
            builder.instanceId(instanceId);
        }
        LockTemplate template = builder.build();
        logger.info("Holdfast locks in store '" + template.storeName() + "' ("
                + lockStore.getClass().getName() + "), instance id '" + template.instanceId() + "'");
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    LockedDefaults lockedDefaults(HoldfastProperties properties) {
        return new LockedDefaults(properties.getDefaultLease(), properties.getDefaultWait());
    }

    @Bean
    @ConditionalOnMissingBean
    LockKeyResolver lockKeyResolver() {
        return LockKeyResolver.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    LockOwnerResolver lockOwnerResolver(LockTemplate lockTemplate) {
        return LockOwnerResolver.perThread(lockTemplate);
    }
}

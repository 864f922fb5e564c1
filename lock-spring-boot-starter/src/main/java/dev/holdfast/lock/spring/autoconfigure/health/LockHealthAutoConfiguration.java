package dev.holdfast.lock.spring.autoconfigure.health;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.actuate.health.LockStoreHealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code holdfast} health contributor: a {@link LockStoreHealthIndicator} for the application's
 * {@link LockStore} (a composite, by bean name, when there are several). Turned off with
 * {@code management.health.holdfast.enabled=false}; backs off for a {@code holdfastHealthIndicator} or
 * {@code holdfastHealthContributor} bean of the application's own.
 */
@AutoConfiguration(afterName = "dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration")
@ConditionalOnClass({LockStore.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LockStore.class)
@ConditionalOnEnabledHealthIndicator("holdfast")
public final class LockHealthAutoConfiguration
        extends CompositeHealthContributorConfiguration<LockStoreHealthIndicator, LockStore> {

    LockHealthAutoConfiguration() {
        super(LockStoreHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = {"holdfastHealthIndicator", "holdfastHealthContributor"})
    HealthContributor holdfastHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, LockStore.class);
    }
}

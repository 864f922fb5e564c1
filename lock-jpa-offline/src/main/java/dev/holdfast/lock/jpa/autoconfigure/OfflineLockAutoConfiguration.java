package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.jpa.offline.JdbcOfflineLocks;
import dev.holdfast.lock.jpa.offline.JpaLockKeyResolver;
import dev.holdfast.lock.jpa.offline.LockKeyResolver;
import dev.holdfast.lock.jpa.offline.OfflineLockExpiryListener;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import dev.holdfast.lock.jpa.offline.web.OfflineLockWebConfiguration;
import dev.holdfast.lock.spring.actuate.endpoint.HeldLockSource;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Configures {@link OfflineLocks} over the application's {@link DataSource} (telling every {@link LockListener} bean,
 * such as the starter's meters and observations, of its acquisitions), the scheduled sweep of stale locks, JPA entity
 * keys when JPA is present, the listing of offline locks in the starter's {@code locks} endpoint, and the
 * {@code @OfflineLocked} guard in Spring MVC applications.
 */
@AutoConfiguration(
        after = LockSchemaAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
        })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "holdfast.offline.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OfflineLockProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class OfflineLockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(OfflineLocks.class)
    @DependsOnDatabaseInitialization
    JdbcOfflineLocks offlineLocks(
            DataSource dataSource,
            OfflineLockProperties properties,
            ObjectProvider<OfflineLockExpiryListener> expiryListeners,
            ObjectProvider<LockKeyResolver> keyResolver,
            ObjectProvider<LockListener> lockListeners) {
        OfflineLockExpiryListener listener =
                (lock, cause) -> expiryListeners.orderedStream().forEach((each) -> each.expired(lock, cause));
        JdbcOfflineLocks locks = new JdbcOfflineLocks(
                dataSource,
                properties.getIdleTimeout(),
                listener,
                keyResolver.getIfAvailable(),
                lockListeners.orderedStream().toList());
        locks.verifyTable();
        return locks;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "holdfast.offline.sweep.enabled", matchIfMissing = true)
    OfflineLockSweeper offlineLockSweeper(OfflineLocks locks, OfflineLockProperties properties) {
        return new OfflineLockSweeper(locks, properties.getSweep().getInterval());
    }

    /** Names JPA entities by the metamodel. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EntityManagerFactory.class)
    static class JpaKeyConfiguration {

        @Bean
        @ConditionalOnMissingBean(LockKeyResolver.class)
        @ConditionalOnSingleCandidate(EntityManagerFactory.class)
        JpaLockKeyResolver jpaLockKeyResolver(EntityManagerFactory entityManagerFactory) {
            return new JpaLockKeyResolver(entityManagerFactory);
        }
    }

    /** Lists the offline locks in the starter's {@code locks} endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HeldLockSource.class)
    static class EndpointConfiguration {

        @Bean
        OfflineHeldLockSource offlineHeldLockSource(OfflineLocks offlineLocks) {
            return new OfflineHeldLockSource(offlineLocks, Clock.systemUTC());
        }
    }

    /** The {@code @OfflineLocked} guard for Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    @ConditionalOnBooleanProperty(name = "holdfast.offline.web.enabled", matchIfMissing = true)
    @Import(OfflineLockWebConfiguration.class)
    static class WebConfiguration {}
}

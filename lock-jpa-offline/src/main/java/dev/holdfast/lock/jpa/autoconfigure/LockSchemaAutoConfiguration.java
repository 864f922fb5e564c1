package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jpa.offline.OfflineLockEntry;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;

/**
 * Creates the lock tables through Boot's schema initialisation ({@code holdfast.jdbc.initialize-schema}) and adds
 * the lock entity to the JPA persistence unit, so that no {@code @EntityScan} is needed.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DataSource.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(HoldfastJdbcProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class LockSchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockSchemaInitializer holdfastSchemaInitializer(DataSource dataSource, HoldfastJdbcProperties properties) {
        return new LockSchemaInitializer(dataSource, properties);
    }

    /** Adds the lock entity to the persistence unit, whether or not the application uses {@code @EntityScan}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({EntityManagerFactoryBuilderCustomizer.class, PersistenceUnitPostProcessor.class})
    static class LockEntityConfiguration {

        @Bean
        EntityManagerFactoryBuilderCustomizer holdfastLockEntityCustomizer() {
            String entity = OfflineLockEntry.class.getName();
            return (builder) -> builder.addPersistenceUnitPostProcessors((unit) -> {
                if (!unit.getManagedClassNames().contains(entity)) {
                    unit.addManagedClassName(entity);
                }
            });
        }
    }
}

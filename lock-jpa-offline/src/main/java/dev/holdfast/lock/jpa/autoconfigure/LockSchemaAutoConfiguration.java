package dev.holdfast.lock.jpa.autoconfigure;

import static dev.holdfast.lock.jpa.autoconfigure.LockConfigurationException.invalid;

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
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;
import org.springframework.util.StringUtils;

/**
 * Creates the lock tables through Boot's schema initialisation ({@code holdfast.jdbc.initialize-schema}) and adds
 * the lock entity to the JPA persistence unit, so that no {@code @EntityScan} is needed. A schema location or platform
 * that names no script fails at startup naming the property.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DataSource.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(HoldfastJdbcProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class LockSchemaAutoConfiguration {

    private static final String PLATFORM_PLACEHOLDER = "@@platform@@";

    @Bean
    @ConditionalOnMissingBean
    LockSchemaInitializer holdfastSchemaInitializer(
            DataSource dataSource, HoldfastJdbcProperties properties, ResourceLoader resourceLoader) {
        checkScript(properties, resourceLoader);
        return new LockSchemaInitializer(dataSource, properties);
    }

    /**
     * Check that {@code holdfast.jdbc.schema} and {@code holdfast.jdbc.platform} name a script that exists (Boot's
     * initializer looks for it whatever {@code initialize-schema} says), unless the location is optional or a pattern,
     * or the platform is left to be detected from the database.
     */
    private static void checkScript(HoldfastJdbcProperties properties, ResourceLoader resourceLoader) {
        String schema = properties.getSchema();
        String platform = properties.getPlatform();
        if (schema != null && (schema.startsWith("optional:") || schema.contains("*"))) {
            return;
        }
        if (!StringUtils.hasText(schema)) {
            throw invalid(
                    "holdfast.jdbc.schema",
                    schema,
                    "a schema script location must not be blank.",
                    "Set holdfast.jdbc.schema to a script such as classpath:db/holdfast-locks.sql, or remove it to "
                            + "use Holdfast's scripts.");
        }
        boolean perPlatform = schema.contains(PLATFORM_PLACEHOLDER);
        if (perPlatform && !StringUtils.hasText(platform)) {
            return;
        }
        String location = perPlatform ? schema.replace(PLATFORM_PLACEHOLDER, platform) : schema;
        if (resourceLoader.getResource(location).exists()) {
            return;
        }
        if (perPlatform) {
            throw invalid(
                    "holdfast.jdbc.platform",
                    platform,
                    "there is no lock table script for it at " + location + ".",
                    "Set holdfast.jdbc.platform to postgresql, mysql or h2, or remove it to detect the database; or "
                            + "set holdfast.jdbc.schema to a script of your own.");
        }
        throw invalid(
                "holdfast.jdbc.schema",
                schema,
                "there is no script at that location.",
                "Set holdfast.jdbc.schema to an existing script, or remove it to use Holdfast's scripts.");
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

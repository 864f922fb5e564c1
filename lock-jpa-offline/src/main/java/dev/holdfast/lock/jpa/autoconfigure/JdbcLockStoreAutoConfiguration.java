package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.ConditionalOnLockStore;
import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.spring.autoconfigure.LockStoreType;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link JdbcLockStore} as the {@link LockStore} when {@code holdfast.store} is {@code jdbc}, or is unset
 * and the application has a {@link DataSource} and no other store bean. It needs holdfast-lock-spring-boot-starter,
 * whose {@link ConditionalOnLockStore} reads {@code holdfast.store}; {@code jpa}, the deprecated name of this store,
 * works with a warning.
 */
@AutoConfiguration(
        after = LockSchemaAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({LockStore.class, ConditionalOnLockStore.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnLockStore(LockStoreType.JDBC)
@EnableConfigurationProperties({HoldfastJdbcProperties.class, HoldfastProperties.class})
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class JdbcLockStoreAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(JdbcLockStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    @DependsOnDatabaseInitialization
    @SuppressWarnings("deprecation")
    JdbcLockStore jdbcLockStore(
            DataSource dataSource, HoldfastJdbcProperties properties, HoldfastProperties holdfastProperties) {
        if (holdfastProperties.getStore() == LockStoreType.JPA) {
            logger.warn("holdfast.store=jpa is deprecated: set holdfast.store=jdbc, the same database lock store");
        }
        JdbcLockStore store = new JdbcLockStore(dataSource, properties.isListen());
        store.verifyTable();
        return store;
    }
}

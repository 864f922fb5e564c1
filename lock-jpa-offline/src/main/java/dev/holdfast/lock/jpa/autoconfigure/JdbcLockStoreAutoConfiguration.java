package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.spi.LockStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link JdbcLockStore} as the {@link LockStore} when {@code holdfast.store} is {@code jdbc} (or
 * {@code jpa}), or is unset and the application has a {@link DataSource} and no other store bean.
 */
@AutoConfiguration(
        after = LockSchemaAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(LockStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@Conditional(OnJdbcStoreCondition.class)
@EnableConfigurationProperties(HoldfastJdbcProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class JdbcLockStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    @DependsOnDatabaseInitialization
    JdbcLockStore jdbcLockStore(DataSource dataSource, HoldfastJdbcProperties properties) {
        JdbcLockStore store = new JdbcLockStore(dataSource, properties.isListen());
        store.verifyTable();
        return store;
    }
}

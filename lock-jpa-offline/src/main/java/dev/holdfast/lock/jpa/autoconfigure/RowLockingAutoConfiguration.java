package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jpa.rows.LockRowsAdvisor;
import dev.holdfast.lock.jpa.rows.RowLocks;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration for ordered row locking: a {@link RowLocks} bean over the application's transaction manager,
 * locking JPA entities when there is an {@link EntityManagerFactory} and {@code TableRow}s when there is a {@link
 * JdbcTemplate}, and the advisor that applies {@code @LockRows}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@ConditionalOnClass({PlatformTransactionManager.class, RetryTemplate.class, JdbcTemplate.class})
@ConditionalOnBooleanProperty(name = "holdfast.rows.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(RowLockingProperties.class)
public final class RowLockingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    RowLocks rowLocks(
            PlatformTransactionManager transactionManager,
            ObjectProvider<JdbcTemplate> jdbcTemplate,
            ObjectProvider<RowLocksJpaCustomizer> jpa,
            RowLockingProperties properties) {
        RowLocks.Builder builder =
                RowLocks.builder(transactionManager).retry(properties.toRetry()).lockWait(properties.toLockWait());
        jdbcTemplate.ifUnique(builder::jdbcTemplate);
        jpa.ifUnique((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * The advisor is infrastructure that the auto-proxy creator looks up while other post-processors are still being
     * created, before {@code @ConfigurationProperties} beans may be; so it binds {@link RowLockingProperties} itself
     * with Spring Boot's {@link Binder}, to the same class, defaults and checks.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    @ConditionalOnBean(RowLocks.class)
    static LockRowsAdvisor lockRowsAdvisor(ObjectProvider<RowLocks> rowLocks, Environment environment) {
        RowLockingProperties properties =
                Binder.get(environment).bindOrCreate("holdfast.rows", RowLockingProperties.class);
        return new LockRowsAdvisor(rowLocks::getObject, properties.getAdvisorOrder());
    }

    /** Adds JPA entity locking when JPA is on the class path and there is one persistence unit. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EntityManagerFactory.class)
    static class JpaRowLockingConfiguration {

        @Bean
        @ConditionalOnSingleCandidate(EntityManagerFactory.class)
        RowLocksJpaCustomizer rowLocksJpaCustomizer(EntityManagerFactory entityManagerFactory) {
            return (builder) -> builder.entityManagerFactory(entityManagerFactory);
        }
    }

    /** Lets the JPA part configure the builder without the main bean method naming JPA types. */
    @FunctionalInterface
    interface RowLocksJpaCustomizer {

        void customize(RowLocks.Builder builder);
    }
}

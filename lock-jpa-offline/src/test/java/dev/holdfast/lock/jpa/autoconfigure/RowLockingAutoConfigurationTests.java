package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.jpa.rows.Account;
import dev.holdfast.lock.jpa.rows.RetryTransactionException;
import dev.holdfast.lock.jpa.rows.RowLockRetriesExhaustedException;
import dev.holdfast.lock.jpa.rows.RowLocks;
import dev.holdfast.lock.jpa.rows.TableRow;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

class RowLockingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    RowLockingAutoConfiguration.class))
            .withUserConfiguration(EntityPackage.class);

    @Test
    void shouldCreateRowLocksAndAdvisorByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(RowLocks.class).hasBean("lockRowsAdvisor");
            assertThat(context.getBean("lockRowsAdvisor", Ordered.class).getOrder())
                    .isEqualTo(new RowLockingProperties().getAdvisorOrder());
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO hf_rows_account (id, balance) VALUES (1, 10)");
            RowLocks rowLocks = context.getBean(RowLocks.class);
            rowLocks.runWithLocks(List.of(new Account(1L, 10), TableRow.of("hf_rows_account", 1)), () -> {
                rowLocks.confirmLocked(new Account(1L, 0));
                rowLocks.confirmLocked(TableRow.of("hf_rows_account", 1));
            });
        });
    }

    @Test
    void shouldBackOffWhenUserDefinesRowLocks() {
        this.runner.withUserConfiguration(UserRowLocks.class).run((context) -> {
            assertThat(context).hasSingleBean(RowLocks.class);
            assertThat(context.getBean(RowLocks.class)).isSameAs(context.getBean(UserRowLocks.class).rowLocks);
            assertThat(context).hasBean("lockRowsAdvisor");
        });
    }

    @Test
    void shouldBindRetryAndWaitProperties() {
        this.runner
                .withPropertyValues(
                        "holdfast.rows.max-attempts=2",
                        "holdfast.rows.delay=10ms",
                        "holdfast.rows.jitter=0",
                        "holdfast.rows.lock-wait=timeout",
                        "holdfast.rows.lock-timeout=200ms",
                        "holdfast.rows.advisor-order=42")
                .run((context) -> {
                    assertThat(context.getBean("lockRowsAdvisor", Ordered.class).getOrder())
                            .isEqualTo(42);
                    RowLocks rowLocks = context.getBean(RowLocks.class);
                    assertThatExceptionOfType(RowLockRetriesExhaustedException.class)
                            .isThrownBy(() -> rowLocks.runWithLocks(List.of(), () -> {
                                throw new RetryTransactionException("again");
                            }))
                            .withMessageContaining("2 of 2 attempts");
                });
    }

    @Test
    void shouldFailAtStartupOnInvalidRetrySettings() {
        this.runner
                .withPropertyValues("holdfast.rows.jitter=1s")
                .run((context) -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("jitter [PT1S] must be zero or below delay [PT0.05S]"));
    }

    @Test
    void shouldNameThePropertyWhenTimeoutWaitHasNoTimeout() {
        this.runner
                .withPropertyValues("holdfast.rows.lock-wait=timeout")
                .run((context) -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("holdfast.rows.lock-wait=timeout needs holdfast.rows.lock-timeout"));
    }

    @Test
    void shouldNotConfigureWhenDisabled() {
        this.runner
                .withPropertyValues("holdfast.rows.enabled=false")
                .run((context) ->
                        assertThat(context).doesNotHaveBean(RowLocks.class).doesNotHaveBean("lockRowsAdvisor"));
    }

    @Test
    void shouldLockTableRowsOnlyWhenJpaIsMissing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class,
                        RowLockingAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(EntityManagerFactory.class))
                .run((context) -> {
                    assertThat(context).hasSingleBean(RowLocks.class);
                    RowLocks rowLocks = context.getBean(RowLocks.class);
                    assertThatExceptionOfType(IllegalArgumentException.class)
                            .isThrownBy(() -> rowLocks.runWithLocks(List.of(new Account(1L, 0)), () -> {}))
                            .withMessageContaining("no EntityManagerFactory is configured");
                });
    }

    @Test
    void shouldBackOffWithoutSpringTransactions() {
        this.runner
                .withClassLoader(new FilteredClassLoader(PlatformTransactionManager.class))
                .run((context) -> assertThat(context).doesNotHaveBean(RowLocks.class));
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Account.class)
    static class EntityPackage {}

    @Configuration(proxyBeanMethods = false)
    static class UserRowLocks {

        RowLocks rowLocks;

        @Bean
        RowLocks userRowLocks(PlatformTransactionManager transactionManager, JdbcTemplate jdbcTemplate) {
            this.rowLocks = RowLocks.builder(transactionManager)
                    .jdbcTemplate(jdbcTemplate)
                    .build();
            return this.rowLocks;
        }
    }
}

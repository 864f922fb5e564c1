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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
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
import org.springframework.core.env.StandardEnvironment;
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
                    .isEqualTo(RowLockingProperties.DEFAULT_ADVISOR_ORDER);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO hf_rows_account (id, balance) VALUES (1, 10)");
            RowLocks rowLocks = context.getBean(RowLocks.class);
            rowLocks.execute(List.of(new Account(1L, 10), TableRow.of("hf_rows_account", 1)), () -> {
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
                            .isThrownBy(() -> rowLocks.execute(List.of(), () -> {
                                throw new RetryTransactionException("again");
                            }))
                            .withMessageContaining("2 of 2 attempts");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            holdfast.rows.max-attempts=0                            | holdfast.rows.max-attempts is '0': a unit runs at least once.
            holdfast.rows.delay=-1ms                                | holdfast.rows.delay is 'PT-0.001S': a backoff must not be negative.
            holdfast.rows.max-delay=0                               | holdfast.rows.max-delay is 'PT0S': the longest backoff must be positive.
            holdfast.rows.jitter=-1ms                               | holdfast.rows.jitter is 'PT-0.001S': a backoff must not be negative.
            holdfast.rows.multiplier=0.5                            | holdfast.rows.multiplier is '0.5': the backoff must not shrink between retries.
            holdfast.rows.lock-timeout=0s                           | holdfast.rows.lock-timeout is 'PT0S': a row lock timeout must be positive.
            holdfast.rows.max-delay=10ms                            | holdfast.rows.max-delay is 'PT0.01S': the longest backoff must not be below holdfast.rows.delay 'PT0.05S'.
            holdfast.rows.jitter=1s                                 | holdfast.rows.jitter is 'PT1S': the jitter must be zero or below holdfast.rows.delay 'PT0.05S'.
            holdfast.rows.lock-wait=timeout                         | holdfast.rows.lock-wait is 'timeout': a timeout wait needs holdfast.rows.lock-timeout, which is not set.
            holdfast.rows.lock-wait=nowait,holdfast.rows.lock-timeout=2s | holdfast.rows.lock-timeout is 'PT2S': a timeout does not apply to holdfast.rows.lock-wait 'NOWAIT', which never waits.
            """)
    void shouldFailAtStartupNamingPropertyAndValue(String properties, String description) {
        this.runner.withPropertyValues(properties.split(",")).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(description);
            assertThat(analysis.getAction()).containsPattern("^(Set|Remove) holdfast\\.rows\\.");
        });
    }

    @Test
    void shouldTakeRetrySettingsAtTheirBounds() {
        this.runner
                .withPropertyValues(
                        "holdfast.rows.max-attempts=1",
                        "holdfast.rows.delay=0",
                        "holdfast.rows.max-delay=1ms",
                        "holdfast.rows.jitter=0",
                        "holdfast.rows.multiplier=1",
                        "holdfast.rows.lock-timeout=1ms")
                .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RowLocks.class));
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
                            .isThrownBy(() -> rowLocks.execute(List.of(new Account(1L, 0)), () -> {}))
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

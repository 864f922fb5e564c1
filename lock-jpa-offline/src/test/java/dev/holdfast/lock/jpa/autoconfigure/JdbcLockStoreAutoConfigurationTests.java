package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.ConditionalOnLockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

@ExtendWith(OutputCaptureExtension.class)
class JdbcLockStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true", "holdfast.offline.enabled=false")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    JdbcLockStoreAutoConfiguration.class));

    /** With the starter's store of last resort and template, as an application has them. */
    private final ApplicationContextRunner withStarter = this.runner.withConfiguration(
            AutoConfigurations.of(LockStoreAutoConfiguration.class, LockTemplateAutoConfiguration.class));

    @Test
    void shouldRegisterJdbcStoreWhenStoreIsUnsetAndDataSourceIsPresent() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(JdbcLockStore.class);
            LockStore store = context.getBean(LockStore.class);
            AcquireOutcome outcome = store.acquire(
                    new AcquireCommand(new LockKey("room", "101"), "Tom", 0, Duration.ofSeconds(5), AcquireMode.LOCK));
            assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        });
    }

    @Test
    void shouldDetectDatabaseStoreBeforeTheStoreOfLastResort(CapturedOutput output) {
        this.withStarter.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class);
            assertThat(context.getBean(LockTemplate.class).storeName()).isEqualTo("jdbc");
            assertThat(output).doesNotContain("in-memory lock store");
        });
    }

    @Test
    void shouldRegisterJdbcStoreWhenStoreIsAutoOrJdbc(CapturedOutput output) {
        for (String store : new String[] {"auto", "jdbc", "JDBC"}) {
            this.withStarter
                    .withPropertyValues("holdfast.store=" + store)
                    .run((context) -> assertThat(context.getBean(LockStore.class))
                            .as(store)
                            .isInstanceOf(JdbcLockStore.class));
        }
        assertThat(output).doesNotContain("deprecated");
    }

    @Test
    void shouldTakeDeprecatedJpaForJdbcWithAWarning(CapturedOutput output) {
        this.withStarter.withPropertyValues("holdfast.store=jpa").run((context) -> {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class);
            assertThat(output)
                    .contains("WARN")
                    .contains(
                            "holdfast.store=jpa is deprecated: set holdfast.store=jdbc, the same database lock store");
        });
    }

    @Test
    void shouldNotRegisterJdbcStoreWhenAnotherStoreIsChosen() {
        this.runner
                .withPropertyValues("holdfast.store=redis")
                .run((context) -> assertThat(context).doesNotHaveBean(LockStore.class));
        this.runner
                .withPropertyValues("holdfast.store=memory")
                .run((context) -> assertThat(context).doesNotHaveBean(LockStore.class));
        this.withStarter
                .withPropertyValues("holdfast.store=memory")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class));
    }

    @Test
    void shouldNotRegisterJdbcStoreWhenStoreIsUnknown() {
        this.runner
                .withPropertyValues("holdfast.store=mongo")
                .run((context) -> assertThat(context).doesNotHaveBean(JdbcLockStore.class));
        this.withStarter.withPropertyValues("holdfast.store=mongo").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(findBindException(context.getStartupFailure()).getName().toString())
                    .isEqualTo("holdfast.store");
        });
    }

    @Test
    void shouldFailAtStartupNamingTheStoreWhenThereIsNoDataSource() {
        new ApplicationContextRunner()
                .withPropertyValues("holdfast.store=jdbc")
                .withConfiguration(AutoConfigurations.of(
                        JdbcLockStoreAutoConfiguration.class,
                        LockStoreAutoConfiguration.class,
                        LockTemplateAutoConfiguration.class))
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(LockException.class)
                            .hasMessage("holdfast.store is 'jdbc' but the database lock store cannot be created: "
                                    + "there is no single DataSource bean (configure spring.datasource.* or mark one "
                                    + "@Primary).");
                });
    }

    @Test
    void shouldWakeWaitersByNotificationOnPostgresUnlessListenIsOff() {
        JdbcService postgres = TestServices.postgres();
        ApplicationContextRunner onPostgres = this.runner.withPropertyValues(
                "spring.datasource.url=" + postgres.url(),
                "spring.datasource.username=" + postgres.username(),
                "spring.datasource.password=" + postgres.password(),
                "holdfast.jdbc.initialize-schema=always");
        onPostgres.run(
                (context) -> assertThat(context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .isTrue());
        onPostgres
                .withPropertyValues("holdfast.jdbc.listen=false")
                .run((context) -> assertThat(
                                context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .isFalse());
        this.runner.run(
                (context) -> assertThat(context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .as("H2 polls")
                        .isFalse());
    }

    @Test
    void shouldBackOffWhenUserDefinesAStore() {
        this.withStarter
                .withPropertyValues("holdfast.store=jdbc")
                .withUserConfiguration(UserStoreConfiguration.class)
                .run((context) -> {
                    assertThat(context).hasSingleBean(LockStore.class);
                    assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
                    LockStore store = context.getBean(LockStore.class);
                    try (dev.holdfast.lock.Lease probe = context.getBean(LockTemplate.class)
                            .acquire(dev.holdfast.lock.LockRequest.of("probe", "1")
                                    .build())) {
                        assertThat(store.inspect(probe.key())).isPresent();
                    }
                });
    }

    @Test
    void shouldNotRegisterWithoutDataSource() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JdbcLockStoreAutoConfiguration.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockStore.class));
    }

    @Test
    void shouldNotRegisterWithoutLockCore() {
        this.runner
                .withClassLoader(new FilteredClassLoader(LockStore.class))
                .run((context) -> assertThat(context).doesNotHaveBean(JdbcLockStore.class));
    }

    @Test
    void shouldNotRegisterWithoutTheStarter() {
        this.runner
                .withClassLoader(new FilteredClassLoader(ConditionalOnLockStore.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcLockStore.class));
    }

    @Test
    void shouldFailAtStartupNamingThePropertyWhenStoreTableIsMissing() {
        this.runner.withPropertyValues("holdfast.jdbc.initialize-schema=never").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockTableMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("[holdfast_lock]");
            assertThat(analysis.getAction()).contains("holdfast.jdbc.initialize-schema=always");
        });
    }

    @Test
    void shouldFailAtStartupNamingTheSemaphoreTableThatIsMissing() {
        EmbeddedDatabase database = new EmbeddedDatabaseBuilder()
                .generateUniqueName(true)
                .setType(EmbeddedDatabaseType.H2)
                .addScript("classpath:dev/holdfast/lock/jpa/schema-h2.sql")
                .build();
        try {
            new JdbcTemplate(database).execute("DROP TABLE holdfast_semaphore_queue");
            this.runner
                    .withPropertyValues("holdfast.jdbc.initialize-schema=never")
                    .withBean(DataSource.class, () -> database)
                    .run((context) -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis =
                                new LockTableMissingFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis).isNotNull();
                        assertThat(analysis.getDescription()).contains("[holdfast_semaphore_queue]");
                        assertThat(analysis.getAction()).contains("holdfast.jdbc.initialize-schema=always");
                    });
        } finally {
            database.shutdown();
        }
    }

    @Test
    void shouldFailAtStartupNamingTheMailboxTableThatIsMissing() {
        EmbeddedDatabase database = new EmbeddedDatabaseBuilder()
                .generateUniqueName(true)
                .setType(EmbeddedDatabaseType.H2)
                .addScript("classpath:dev/holdfast/lock/jpa/schema-h2.sql")
                .build();
        try {
            new JdbcTemplate(database).execute("DROP TABLE holdfast_mailbox_result");
            this.runner
                    .withPropertyValues("holdfast.jdbc.initialize-schema=never")
                    .withBean(DataSource.class, () -> database)
                    .run((context) -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis =
                                new LockTableMissingFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis).isNotNull();
                        assertThat(analysis.getDescription()).contains("[holdfast_mailbox_result]");
                        assertThat(analysis.getAction()).contains("holdfast.jdbc.initialize-schema=always");
                    });
        } finally {
            database.shutdown();
        }
    }

    private static BindException findBindException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind;
            }
        }
        throw new AssertionError("No BindException in " + failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStoreConfiguration {

        @Bean
        LockStore userStore() {
            return new InMemoryLockStore();
        }
    }
}

package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration;
import dev.holdfast.lock.jpa.autoconfigure.LockSchemaAutoConfiguration;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

@ExtendWith(OutputCaptureExtension.class)
class LockStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LockStoreAutoConfiguration.class, LockTemplateAutoConfiguration.class));

    private final ApplicationContextRunner databaseRunner = this.runner
            .withPropertyValues(
                    "spring.datasource.generate-unique-name=true",
                    "holdfast.offline.enabled=false",
                    "holdfast.rows.enabled=false")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    JdbcLockStoreAutoConfiguration.class));

    private static void assertThatTemplateLocksIn(LockTemplate template, LockStore store) {
        try (Lease probe = template.acquire(LockRequest.of("probe", "1").build())) {
            assertThat(store.inspect(probe.key())).isPresent();
        }
    }

    @Test
    void shouldFallBackToMemoryStoreWithWarningWhenNothingElseIsThere(CapturedOutput output) {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThatTemplateLocksIn(context.getBean(LockTemplate.class), context.getBean(LockStore.class));
            assertThat(output).contains("WARN").contains("in-memory lock store, which locks within this process only");
        });
    }

    @Test
    void shouldUseMemoryStoreWithoutWarningWhenAskedFor(CapturedOutput output) {
        this.databaseRunner.withPropertyValues("holdfast.store=memory").run((context) -> {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThat(output).doesNotContain("locks within this process only");
        });
    }

    @Test
    void shouldDetectDatabaseStoreWhenThereIsADataSource() {
        this.databaseRunner.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class);
            assertThat(context.getBean(LockTemplate.class).storeName()).isEqualTo("jdbc");
        });
    }

    @Test
    void shouldUseDatabaseStoreWhenStoreIsJdbcOrJpa() {
        this.databaseRunner
                .withPropertyValues("holdfast.store=jdbc")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class));
        this.databaseRunner
                .withPropertyValues("holdfast.store=jpa")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class));
    }

    @Test
    void shouldBackOffWhenApplicationDeclaresAStore() {
        this.databaseRunner.withUserConfiguration(UserStore.class).run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isSameAs(UserStore.STORE);
            assertThatTemplateLocksIn(context.getBean(LockTemplate.class), UserStore.STORE);
        });
    }

    @Test
    void shouldFailAtStartupForAnUnknownStoreNamingTheProperty() {
        this.runner.withPropertyValues("holdfast.store=mongo").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockStoreFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo("holdfast.store is 'mongo', which is not a Holdfast lock store.");
            assertThat(analysis.getAction()).startsWith("Set holdfast.store to one of auto, redis, jdbc, jpa, memory");
        });
    }

    @Test
    void shouldFailAtStartupForRedisWithoutConnectionFactory() {
        this.runner.withPropertyValues("holdfast.store=redis").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockStoreFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("holdfast.store is 'redis' but the Redis lock store cannot be created")
                    .contains("there is no RedisConnectionFactory bean");
            assertThat(analysis.getAction()).startsWith("Provide a RedisConnectionFactory");
        });
    }

    @Test
    void shouldFailAtStartupForRedisWithoutSpringDataRedis() {
        this.runner
                .withPropertyValues("holdfast.store=redis")
                .withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new LockStoreFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .startsWith("holdfast.store is 'redis' but the Redis lock store cannot be created")
                            .contains("Spring Data Redis is not on the class path");
                    assertThat(analysis.getAction()).contains("set holdfast.store to another store");
                });
    }

    @Test
    void shouldFailAtStartupForJdbcWithoutDataSource() {
        this.runner.withPropertyValues("holdfast.store=jdbc").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockStoreFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("holdfast.store is 'jdbc' but the database lock store cannot be created")
                    .contains("there is no single DataSource bean");
            assertThat(analysis.getAction()).contains("holdfast.store");
        });
    }

    @Test
    void shouldFailAtStartupForJpaWithoutLockJpaOffline() {
        this.runner
                .withPropertyValues("holdfast.store=jpa")
                .withClassLoader(new FilteredClassLoader(JdbcLockStore.class))
                .run((context) -> {
                    FailureAnalysis analysis = new LockStoreFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("dev.holdfast:lock-jpa-offline is not on the class path");
                });
    }

    @Test
    void shouldConfigureNothingWithoutLockCore() {
        this.runner
                .withClassLoader(new FilteredClassLoader(LockStore.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(LockStore.class)
                        .doesNotHaveBean(LockTemplate.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        static final InMemoryLockStore STORE = new InMemoryLockStore();

        @Bean
        LockStore userLockStore() {
            return STORE;
        }
    }
}

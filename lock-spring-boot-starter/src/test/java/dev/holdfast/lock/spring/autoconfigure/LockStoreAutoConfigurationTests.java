package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The store of last resort on each value of {@code holdfast.store}; with a database or Redis beside it, see
 * holdfast-lock-jpa-offline's {@code JdbcLockStoreAutoConfigurationTests} and {@link RedisLockStoreAutoConfigurationTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LockStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LockStoreAutoConfiguration.class, LockTemplateAutoConfiguration.class));

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
    void shouldTreatAutoAsUnset(CapturedOutput output) {
        this.runner.withPropertyValues("holdfast.store=auto").run((context) -> {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThat(output).contains("in-memory lock store, which locks within this process only");
        });
    }

    @Test
    void shouldUseMemoryStoreWithoutWarningWhenAskedFor(CapturedOutput output) {
        this.runner.withPropertyValues("holdfast.store=memory").run((context) -> {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThat(output).contains("in-memory lock store (holdfast.store=memory)");
            assertThat(output).doesNotContain("locks within this process only");
        });
    }

    @Test
    void shouldReadStoreNamesInAnyCase(CapturedOutput output) {
        this.runner.withPropertyValues("holdfast.store=Memory").run((context) -> {
            assertThat(context.getBean(HoldfastProperties.class).getStore()).isEqualTo(LockStoreType.MEMORY);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThat(output).doesNotContain("locks within this process only");
        });
    }

    @Test
    void shouldBackOffWhenApplicationDeclaresAStore() {
        for (String store : new String[] {"auto", "memory", "redis", "jdbc"}) {
            this.runner
                    .withPropertyValues("holdfast.store=" + store)
                    .withUserConfiguration(UserStore.class)
                    .run((context) -> {
                        assertThat(context).as(store).hasNotFailed().hasSingleBean(LockStore.class);
                        assertThat(context.getBean(LockStore.class)).isSameAs(UserStore.STORE);
                        assertThatTemplateLocksIn(context.getBean(LockTemplate.class), UserStore.STORE);
                    });
        }
    }

    @Test
    void shouldFailAtStartupForAnUnknownStoreNamingTheProperty() {
        this.runner.withPropertyValues("holdfast.store=mongo").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo("holdfast.store is 'mongo', which is not a Holdfast lock store.");
            assertThat(analysis.getAction())
                    .isEqualTo("Set holdfast.store to one of auto, redis, jdbc, memory (auto, or unset, picks Redis, "
                            + "then the database, then memory).");
        });
    }

    @Test
    void shouldFailAtStartupForRedisWithoutConnectionFactory() {
        this.runner.withPropertyValues("holdfast.store=redis").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
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
                    FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .startsWith("holdfast.store is 'redis' but the Redis lock store cannot be created")
                            .contains("Spring Data Redis is not on the class path");
                    assertThat(analysis.getAction()).contains("set holdfast.store to another store");
                });
    }

    @Test
    void shouldFailAtStartupForJdbcWithoutLockJpaOffline() {
        this.runner.withPropertyValues("holdfast.store=jdbc").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo(
                            "holdfast.store is 'jdbc' but the database lock store cannot be created: "
                                    + "dev.holdfast:holdfast-lock-jpa-offline is not on the class path (add it as a dependency).");
            assertThat(analysis.getAction()).contains("holdfast.store");
        });
    }

    @Test
    void shouldTakeDeprecatedJpaForTheDatabaseStore() {
        this.runner.withPropertyValues("holdfast.store=jpa").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("holdfast.store is 'jpa' but the database lock store cannot be created");
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

package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis store on each value of {@code holdfast.store}; Redis beside a database is in the sample application's
 * {@code LockStoreSelectionTests}.
 */
class RedisLockStoreAutoConfigurationTests {

    private static final RedisService redis = TestServices.redis();

    private final String prefix =
            "holdfast-starter-" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.data.redis.host=" + redis.host(),
                    "spring.data.redis.port=" + redis.port(),
                    "holdfast.redis.key-prefix=" + this.prefix)
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    RedisLockStoreAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class));

    @Test
    void shouldDetectRedisStoreWhenThereIsAConnectionFactory() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            RedisLockStore store = context.getBean(RedisLockStore.class);
            assertThat(store.prefix()).isEqualTo(this.prefix);
            LockTemplate template = context.getBean(LockTemplate.class);
            try (Lease probe = template.acquire(LockRequest.of("room", "101").build())) {
                assertThat(store.inspect(probe.key())).isPresent();
            }
            StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
            redisTemplate.delete(redisTemplate.keys(this.prefix + ":*"));
        });
    }

    @Test
    void shouldWaitForTheReplicasThePropertiesAskFor() {
        // The local Redis has no replica: a grant that must be acknowledged by one fails, and is given back.
        this.runner
                .withPropertyValues("holdfast.redis.replicas-to-ack=1", "holdfast.redis.replica-ack-timeout=50ms")
                .run((context) -> {
                    LockTemplate template = context.getBean(LockTemplate.class);
                    assertThatThrownBy(() -> template.acquire(
                                    LockRequest.of("room", "replicated").build()))
                            .isInstanceOf(LockStoreException.class)
                            .hasMessageContaining("replica");
                    assertThat(context.getBean(RedisLockStore.class).inspect(LockKey.of("room", "replicated")))
                            .isEmpty();
                });
    }

    @Test
    void shouldFailAtStartupOnABadReplicaAckTimeoutNamingTheProperty() {
        this.runner.withPropertyValues("holdfast.redis.replica-ack-timeout=0ms").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("holdfast.redis.replica-ack-timeout");
        });
    }

    @Test
    void shouldUseRedisStoreWhenStoreIsRedisOrAuto() {
        for (String store : new String[] {"redis", "REDIS", "auto"}) {
            this.runner
                    .withPropertyValues("holdfast.store=" + store)
                    .run((context) -> assertThat(context.getBean(LockStore.class))
                            .as(store)
                            .isInstanceOf(RedisLockStore.class));
        }
    }

    @Test
    void shouldUseMemoryStoreWhenStoreIsMemoryEvenWithAConnectionFactory() {
        this.runner.withPropertyValues("holdfast.store=memory").run((context) -> {
            assertThat(context).doesNotHaveBean(RedisLockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
        });
    }

    @Test
    void shouldNotUseRedisStoreWhenStoreNamesTheDatabase() {
        for (String store : new String[] {"jdbc", "jpa"}) {
            this.runner.withPropertyValues("holdfast.store=" + store).run((context) -> {
                assertThat(context).as(store).hasFailed();
                FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                        .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription())
                        .startsWith("holdfast.store is '" + store + "' but the database lock store cannot be created");
            });
        }
    }

    @Test
    void shouldNotUseRedisStoreWhenStoreIsUnknown() {
        this.runner.withPropertyValues("holdfast.store=mongo").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("holdfast.store is 'mongo', which is not a Holdfast lock store.");
        });
        new ApplicationContextRunner()
                .withPropertyValues(
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port(),
                        "holdfast.store=mongo")
                .withConfiguration(
                        AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisLockStoreAutoConfiguration.class))
                .run((context) -> assertThat(context).doesNotHaveBean(RedisLockStore.class));
    }

    @Test
    void shouldUseDefaultKeyPrefix() {
        new ApplicationContextRunner()
                .withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port())
                .withConfiguration(
                        AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisLockStoreAutoConfiguration.class))
                .run((context) -> assertThat(
                                context.getBean(RedisLockStore.class).prefix())
                        .isEqualTo(RedisLockStore.DEFAULT_PREFIX));
    }

    @Test
    void shouldFailAtStartupNamingTheKeyPrefixTheStoreRefuses() {
        this.runner.withPropertyValues("holdfast.redis.key-prefix=my locks").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("holdfast.redis.key-prefix is 'my locks', which the Redis lock store refuses: ")
                    .contains("but has ' '");
            assertThat(analysis.getAction()).startsWith("Set holdfast.redis.key-prefix to letters, digits");
        });
    }

    @Test
    void shouldBackOffWhenApplicationDeclaresAStore() {
        this.runner
                .withBean(LockStore.class, InMemoryLockStore::new)
                .run((context) ->
                        assertThat(context).hasSingleBean(LockStore.class).doesNotHaveBean(RedisLockStore.class));
    }

    @Test
    void shouldNotConfigureRedisStoreWithoutSpringDataRedis() {
        this.runner
                .withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class));
    }

    @Test
    void shouldNotConfigureRedisStoreWithoutConnectionFactory() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(RedisLockStoreAutoConfiguration.class, LockStoreAutoConfiguration.class))
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class));
    }
}

package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration;
import dev.holdfast.lock.jpa.autoconfigure.LockSchemaAutoConfiguration;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

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

    private final ApplicationContextRunner withDatabase = this.runner
            .withPropertyValues(
                    "spring.datasource.generate-unique-name=true",
                    "holdfast.offline.enabled=false",
                    "holdfast.rows.enabled=false")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    JdbcLockStoreAutoConfiguration.class));

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
    void shouldPreferRedisOverTheDatabaseWhenBothArePresent() {
        this.withDatabase.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(RedisLockStore.class);
        });
    }

    @Test
    void shouldUseTheStoreThePropertyNames() {
        this.withDatabase
                .withPropertyValues("holdfast.store=jdbc")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class));
        this.withDatabase
                .withPropertyValues("holdfast.store=memory")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class));
        this.withDatabase
                .withPropertyValues("holdfast.store=redis")
                .run((context) -> assertThat(context.getBean(LockStore.class)).isInstanceOf(RedisLockStore.class));
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

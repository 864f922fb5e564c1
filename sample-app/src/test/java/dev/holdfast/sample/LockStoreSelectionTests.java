package dev.holdfast.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration;
import dev.holdfast.lock.jpa.autoconfigure.LockSchemaAutoConfiguration;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.RedisLockStoreAutoConfiguration;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which store {@code holdfast.store} picks when an application has both Redis and a database, the starter's and
 * holdfast-lock-jpa-offline's auto-configurations side by side.
 */
class LockStoreSelectionTests {

    private static final RedisService redis = TestServices.redis();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.data.redis.host=" + redis.host(),
                    "spring.data.redis.port=" + redis.port(),
                    "holdfast.redis.key-prefix=holdfast-selection-"
                            + UUID.randomUUID().toString().substring(0, 8),
                    "spring.datasource.generate-unique-name=true",
                    "holdfast.offline.enabled=false",
                    "holdfast.rows.enabled=false")
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    DataSourceAutoConfiguration.class,
                    RedisLockStoreAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    JdbcLockStoreAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class));

    @Test
    void shouldPreferRedisOverTheDatabaseWhenBothArePresent() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).isInstanceOf(RedisLockStore.class);
            assertThat(context.getBean(LockTemplate.class).storeName()).isEqualTo("redis");
        });
    }

    @Test
    void shouldUseTheStoreThePropertyNames() {
        assertStore("redis", RedisLockStore.class);
        assertStore("auto", RedisLockStore.class);
        assertStore("jdbc", JdbcLockStore.class);
        assertStore("jpa", JdbcLockStore.class);
        assertStore("memory", InMemoryLockStore.class);
    }

    private void assertStore(String property, Class<? extends LockStore> store) {
        this.runner.withPropertyValues("holdfast.store=" + property).run((context) -> {
            assertThat(context).as(property).hasSingleBean(LockStore.class);
            assertThat(context.getBean(LockStore.class)).as(property).isInstanceOf(store);
        });
    }
}

package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * The lock store of last resort: when {@code holdfast.store} is {@code memory}, or is {@code auto} and neither the
 * Redis nor the database store was configured (and the application declares no {@link LockStore}), the in-memory
 * store, with a warning in the second case that it locks within one process only; when {@code holdfast.store} names a
 * store the application cannot provide, a startup failure saying why.
 */
@AutoConfiguration(
        after = RedisLockStoreAutoConfiguration.class,
        afterName = "dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration")
@ConditionalOnClass(LockStore.class)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class LockStoreAutoConfiguration {

    private static final String PROPERTY = OnLockStoreCondition.PROPERTY;

    private static final Log logger = LogFactory.getLog(LockStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    @ConditionalOnLockStore(LockStoreType.MEMORY)
    InMemoryLockStore lockStore(HoldfastProperties properties) {
        if (properties.getStore() == LockStoreType.MEMORY) {
            logger.info("Holdfast is using the in-memory lock store (" + PROPERTY + "=memory)");
        } else {
            logger.warn("Holdfast is using the in-memory lock store, which locks within this process "
                    + "only: set " + PROPERTY + "=redis or jdbc (with a RedisConnectionFactory or a DataSource) to "
                    + "lock across instances, or " + PROPERTY + "=memory to silence this warning");
        }
        return new InMemoryLockStore();
    }

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    @ConditionalOnLockStore(value = LockStoreType.REDIS, matchIfAuto = false)
    LockStore unavailableRedisLockStore(HoldfastProperties properties, ResourceLoader resourceLoader) {
        throw unavailable(
                properties.getStore(),
                "the Redis lock store",
                ClassUtils.isPresent(
                                "org.springframework.data.redis.connection.RedisConnectionFactory",
                                resourceLoader.getClassLoader())
                        ? "there is no RedisConnectionFactory bean (configure spring.data.redis.* or declare one)"
                        : "Spring Data Redis is not on the class path (add spring-boot-starter-data-redis)",
                "Provide a RedisConnectionFactory",
                "jdbc, memory");
    }

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    @ConditionalOnLockStore(value = LockStoreType.JDBC, matchIfAuto = false)
    LockStore unavailableJdbcLockStore(HoldfastProperties properties, ResourceLoader resourceLoader) {
        throw unavailable(
                properties.getStore(),
                "the database lock store",
                ClassUtils.isPresent("dev.holdfast.lock.jdbc.JdbcLockStore", resourceLoader.getClassLoader())
                        ? "there is no single DataSource bean (configure spring.datasource.* or mark one @Primary)"
                        : "dev.holdfast:holdfast-lock-jpa-offline is not on the class path (add it as a dependency)",
                "Provide a DataSource and holdfast-lock-jpa-offline",
                "redis, memory");
    }

    /** Return the action for a value that names no store, listing the stores (without the deprecated alias). */
    static String chooseAction() {
        String stores = Arrays.stream(LockStoreType.values())
                .filter((store) -> store == store.canonical())
                .map(LockStoreAutoConfiguration::name)
                .collect(Collectors.joining(", "));
        return "Set " + PROPERTY + " to one of " + stores + " (auto, or unset, picks Redis, then the database, "
                + "then memory).";
    }

    private static LockConfigurationException unavailable(
            LockStoreType store, String what, String problem, String provide, String others) {
        String value = name(store);
        return new LockConfigurationException(
                PROPERTY,
                PROPERTY + " is '" + value + "' but " + what + " cannot be created: " + problem + ".",
                provide + ", or set " + PROPERTY + " to another store (" + others + ") or unset it to detect one.");
    }

    private static String name(LockStoreType store) {
        return store.name().toLowerCase(Locale.ROOT);
    }
}

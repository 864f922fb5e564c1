package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties.Store;
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
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * The lock store of last resort: when no Redis or database store was configured (and the application declares no
 * {@link LockStore}), the in-memory store, with a warning that it locks within one process only; or, when
 * {@code holdfast.store} asks for a store the application cannot provide, a startup failure saying why.
 */
@AutoConfiguration(
        after = RedisLockStoreAutoConfiguration.class,
        afterName = "dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration")
@ConditionalOnClass(LockStore.class)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class LockStoreAutoConfiguration {

    static final String PROPERTY = "holdfast.store";

    private static final Log logger = LogFactory.getLog(LockStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    LockStore lockStore(Environment environment, ResourceLoader resourceLoader) {
        String value = environment.getProperty(PROPERTY, "auto");
        Store store = parse(value);
        switch (store) {
            case AUTO ->
                logger.warn("Holdfast is using the in-memory lock store, which locks within this process "
                        + "only: set " + PROPERTY + "=redis or jdbc (with a RedisConnectionFactory or a DataSource) to "
                        + "lock across instances, or " + PROPERTY + "=memory to silence this warning");
            case MEMORY -> logger.info("Holdfast is using the in-memory lock store (" + PROPERTY + "=memory)");
            case REDIS -> throw redisUnavailable(value, resourceLoader.getClassLoader());
            case JDBC, JPA -> throw jdbcUnavailable(value, resourceLoader.getClassLoader());
        }
        return new InMemoryLockStore();
    }

    static Store parse(String value) {
        String normalized = value.strip().toUpperCase(Locale.ROOT).replace("-", "");
        if (normalized.isEmpty()) {
            return Store.AUTO;
        }
        for (Store store : Store.values()) {
            if (store.name().equals(normalized)) {
                return store;
            }
        }
        throw new LockStoreConfigurationException(
                value, PROPERTY + " is '" + value + "', which is not a Holdfast lock store.", chooseAction());
    }

    static String chooseAction() {
        String stores = Arrays.stream(Store.values())
                .map((store) -> store.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return "Set " + PROPERTY + " to one of " + stores + " (auto, or unset, picks Redis, then the database, "
                + "then memory).";
    }

    private static LockStoreConfigurationException redisUnavailable(String value, ClassLoader classLoader) {
        String problem =
                ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory", classLoader)
                        ? "there is no RedisConnectionFactory bean (configure spring.data.redis.* or declare one)"
                        : "Spring Data Redis is not on the class path (add spring-boot-starter-data-redis)";
        return new LockStoreConfigurationException(
                value,
                PROPERTY + " is '" + value + "' but the Redis lock store cannot be created: " + problem + ".",
                "Provide a RedisConnectionFactory, or set " + PROPERTY + " to another store (jdbc, memory) or "
                        + "unset it to detect one.");
    }

    private static LockStoreConfigurationException jdbcUnavailable(String value, ClassLoader classLoader) {
        String problem = ClassUtils.isPresent("dev.holdfast.lock.jdbc.JdbcLockStore", classLoader)
                ? "there is no single DataSource bean (configure spring.datasource.* or mark one @Primary)"
                : "dev.holdfast:lock-jpa-offline is not on the class path (add it as a dependency)";
        return new LockStoreConfigurationException(
                value,
                PROPERTY + " is '" + value + "' but the database lock store cannot be created: " + problem + ".",
                "Provide a DataSource and lock-jpa-offline, or set " + PROPERTY + " to another store (redis, "
                        + "memory) or unset it to detect one.");
    }
}

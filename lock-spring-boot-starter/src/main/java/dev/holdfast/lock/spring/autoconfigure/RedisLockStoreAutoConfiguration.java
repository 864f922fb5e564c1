package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Registers {@link RedisLockStore} as the {@link LockStore} when {@code holdfast.store} is {@code redis}, or is unset
 * and the application has a {@link RedisConnectionFactory}; it comes before the database store, so Redis wins when an
 * application has both.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        beforeName = "dev.holdfast.lock.jpa.autoconfigure.JdbcLockStoreAutoConfiguration")
@ConditionalOnClass({RedisConnectionFactory.class, RedisLockStore.class})
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@ConditionalOnLockStore(LockStoreType.REDIS)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class RedisLockStoreAutoConfiguration {

    private static final String KEY_PREFIX = "holdfast.redis.key-prefix";

    @Bean
    @ConditionalOnMissingBean(LockStore.class)
    RedisLockStore redisLockStore(RedisConnectionFactory redisConnectionFactory, HoldfastProperties properties) {
        HoldfastProperties.Redis redis = properties.getRedis();
        String prefix = redis.getKeyPrefix();
        try {
            return RedisLockStore.builder(redisConnectionFactory)
                    .prefix(prefix)
                    .replicasToAck(redis.getReplicasToAck())
                    .ackTimeout(redis.getReplicaAckTimeout())
                    .build();
        } catch (IllegalArgumentException ex) {
            // The store owns the rule for prefixes; its message says which character is at fault
            throw new LockConfigurationException(
                    KEY_PREFIX,
                    KEY_PREFIX + " is '" + prefix + "', which the Redis lock store refuses: " + ex.getMessage() + ".",
                    "Set " + KEY_PREFIX + " to letters, digits, '.', ':', '_' and '-' only (such as myapp:locks), "
                            + "or remove it for the default '" + RedisLockStore.DEFAULT_PREFIX + "'.");
        }
    }
}

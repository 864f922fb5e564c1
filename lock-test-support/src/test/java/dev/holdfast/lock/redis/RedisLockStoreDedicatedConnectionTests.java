package dev.holdfast.lock.redis;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The store contract on a factory that does not share its native connection, so the store runs its scripts on Spring
 * Data Redis connections (the path Jedis and clusters take) rather than on Lettuce's shared connection.
 */
class RedisLockStoreDedicatedConnectionTests extends RedisLockStoreTests {

    @Override
    void configure(LettuceConnectionFactory factory) {
        factory.setShareNativeConnection(false);
    }
}

package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.LockStoreContractTest;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The store contract on a factory that does not share its native connection, so the store runs its scripts on Spring
 * Data Redis connections (the path Jedis and clusters take) rather than on Lettuce's shared connection.
 */
class RedisLockStoreDedicatedConnectionTest extends LockStoreContractTest {

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreDedicatedConnectionTest.class);

    @Override
    protected LockStore createStore() {
        return newClient();
    }

    @Override
    protected LockStore createIndependentClient() {
        return newClient();
    }

    @Override
    protected Duration wakeUpBound() {
        return Duration.ofMillis(200);
    }

    private RedisLockStore newClient() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        factory.setShareNativeConnection(false);
        RedisLockStore store = new RedisLockStore(factory, prefix);
        track(() -> {
            store.close();
            factory.destroy();
        });
        return store;
    }
}

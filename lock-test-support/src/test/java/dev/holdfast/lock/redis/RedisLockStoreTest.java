package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.LockStoreContractTest;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The store contract against the real Redis; every independent client has a connection factory (and Lettuce client)
 * of its own, standing in for another application instance.
 */
class RedisLockStoreTest extends LockStoreContractTest {

    private final String prefix = RedisConnections.uniquePrefix(getClass());

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

    /**
     * Adjust each client's connection factory before the store uses it.
     *
     * @param factory the factory
     */
    void configure(LettuceConnectionFactory factory) {}

    private RedisLockStore newClient() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        configure(factory);
        RedisLockStore store = new RedisLockStore(factory, prefix);
        track(() -> {
            store.close();
            factory.destroy();
        });
        return store;
    }
}

package dev.holdfast.lock.spring.shedlock;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the ShedLock tests run on: application instances (a template each, over a client of its own of the in-memory
 * store or the real Redis) with a namespace no other test uses. Close it after each test.
 */
final class ProviderStores implements AutoCloseable {

    /** The stores the ShedLock tests run on. */
    enum Store {
        MEMORY,
        REDIS
    }

    final String namespace = "sl-" + UUID.randomUUID().toString().substring(0, 8);

    private final Store store;

    private final InMemoryLockStore memory = new InMemoryLockStore();

    private final String redisPrefix = "hf-sl-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    ProviderStores(Store store) {
        this.store = store;
    }

    /** Start an application instance: a template over a client of its own, renewing leases at least every 100 ms. */
    LockTemplate instance(String id) {
        LockTemplate template = LockTemplate.builder(openClient())
                .instanceId(id)
                .watchdogPeriod(Duration.ofMillis(100))
                .build();
        closeables.add(template);
        return template;
    }

    /** Create a provider of this test's namespace over an instance. */
    HoldfastLockProvider provider(LockTemplate instance, boolean keepAlive) {
        return new HoldfastLockProvider(instance, namespace, keepAlive);
    }

    /** Return whether ShedLock's lock of a name is taken, as the store says. */
    boolean locked(LockTemplate instance, String name) {
        return instance.inspect(new LockKey(namespace, name)).isPresent();
    }

    private LockStore openClient() {
        if (store == Store.MEMORY) {
            return memory;
        }
        RedisService redis = TestServices.redis();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        RedisLockStore client = new RedisLockStore(factory, redisPrefix);
        closeables.add(() -> {
            client.close();
            factory.destroy();
        });
        return client;
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }
}

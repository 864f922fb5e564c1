package dev.holdfast.lock.spring.integration;

import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.concurrent.HoldfastLocks;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.RecordingLockStore;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the registry tests run on: application instances (a template each, over a client of its own of the store
 * under test) and a namespace no other test uses, on the store a subclass names.
 */
abstract class RegistryStores {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    final String namespace = "si-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final List<RecordingLockStore> clients = new ArrayList<>();

    private final Store store;

    private final InMemoryLockStore memory = new InMemoryLockStore();

    private final String redisPrefix = "hf-si-" + UUID.randomUUID().toString().substring(0, 8);

    RegistryStores(Store store) {
        this.store = store;
    }

    /** Open a client of the store under test, standing for one application instance; closed after the test. */
    LockStore openClient() {
        if (store == Store.MEMORY) {
            return memory;
        }
        RedisService redis = TestServices.redis();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        RedisLockStore client = new RedisLockStore(factory, redisPrefix);
        track(() -> {
            client.close();
            factory.destroy();
        });
        return client;
    }

    /**
     * Start an application instance: a template over a client of its own (recorded, to see its waiters), renewing
     * leases at least every 100 ms.
     */
    LockTemplate instance(String id) {
        RecordingLockStore client = new RecordingLockStore(openClient());
        clients.add(client);
        return track(LockTemplate.builder(client)
                .instanceId(id)
                .watchdogPeriod(Duration.ofMillis(100))
                .build());
    }

    /** Create a registry of this test's namespace over an instance. */
    HoldfastLockRegistry registry(LockTemplate instance) {
        return registry(instance, UnaryOperator.identity());
    }

    /** Create a registry of this test's namespace over an instance, with settings of its own. */
    HoldfastLockRegistry registry(LockTemplate instance, UnaryOperator<HoldfastLocks.Builder> settings) {
        return new HoldfastLockRegistry(
                settings.apply(HoldfastLocks.builder(instance, namespace)).build());
    }

    /** Wait until callers of this test's instances wait for a lock: refused, with the store's watch open. */
    void awaitWaiters(String key, int count) {
        LockKey lock = new LockKey(namespace, key);
        await("waiters on [" + lock + "]")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> clients.stream()
                                .mapToInt((client) -> client.waiters(lock))
                                .sum()
                        >= count);
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        // A test that failed while holding a lock leaves its lease bound to this (JUnit's) thread.
        while (LockTemplate.currentLease().isPresent()) {
            LockTemplate.unbindCurrentLease(LockTemplate.currentLease().get());
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /** The stores the registry tests run on. */
    enum Store {
        /** The in-memory store, shared by the instances of a test. */
        MEMORY,
        /** The real Redis: each instance has connections of its own. */
        REDIS
    }
}

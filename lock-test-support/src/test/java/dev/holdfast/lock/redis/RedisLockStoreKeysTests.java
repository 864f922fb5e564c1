package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The store's key names: one hash slot per lock, whatever characters its id holds, and no two ids on one key. */
class RedisLockStoreKeysTests {

    private static final List<String> IDS = List.of(
            "101", "a:b", "{brace}", "}{", "{", "}", "%7B", "%", "quote'\"", "ünïcødé-锁", "*?[]", "{a}{b}", "a b");

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreKeysTests.class);

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
    }

    @AfterEach
    void tearDown() {
        for (String id : IDS) {
            store.expire(new LockKey("keys", id), null);
        }
        store.close();
        factory.destroy();
    }

    @Test
    void shouldPutEveryKeyOfALockInOneHashSlot() {
        RedisKeys keys = store.keys();
        for (String id : IDS) {
            LockKey key = new LockKey("keys", id);
            String lock = keys.lock(key);
            assertThat(HashSlots.slot(lock)).as("our slot of %s", lock).isEqualTo(SlotHash.getSlot(lock));
            assertThat(lock).as("hash tag of %s", lock).endsWith("}").containsOnlyOnce("{");
            assertThat(keys.parse(lock)).isEqualTo(key);
        }
    }

    @Test
    void shouldKeepLocksOfLookalikeIdsApartAndFindThemAgain() {
        for (String id : IDS) {
            LockKey key = new LockKey("keys", id);
            assertThat(store.acquire(
                            new AcquireCommand(key, "owner-" + id, 0, Duration.ofMinutes(1), AcquireMode.CREATE)))
                    .as("grant of [%s]", id)
                    .isInstanceOf(AcquireOutcome.Granted.class);
            try (RedisConnection connection = factory.getConnection()) {
                assertThat(connection.keyCommands().exists(bytes(store.keys().lock(key))))
                        .isTrue();
            }
        }
        for (String id : IDS) {
            assertThat(store.inspect(new LockKey("keys", id)))
                    .get()
                    .satisfies((state) -> assertThat(state.owner()).isEqualTo("owner-" + id));
        }
        assertThat(store.list("keys", 100))
                .extracting((state) -> state.key().id())
                .containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(store.list("keys", 5)).hasSize(5);
        assertThat(store.list(null, 1000))
                .extracting((state) -> state.key().id())
                .containsAll(IDS);
    }

    @Test
    void shouldLeaveNoKeyBehindAfterAHundredThousandDistinctIdsAreLockedAndReleased() throws Exception {
        long before = storedKeys();
        int ids = 100_000;
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                runs.add(pool.submit(() -> {
                    for (int i = first; i < ids; i += threads) {
                        LockKey key = new LockKey("bounded", "id-" + i);
                        AcquireOutcome.Granted granted = (AcquireOutcome.Granted) store.acquire(
                                new AcquireCommand(key, "owner", 0, Duration.ofMinutes(1), AcquireMode.LOCK));
                        assertThat(store.release(key, "owner", granted.token()))
                                .isEqualTo(dev.holdfast.lock.spi.ReleaseOutcome.RELEASED);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedKeys()).isEqualTo(before);
    }

    /** Count this store's keys (its prefix), the way an operator would: SCAN with a pattern. */
    private long storedKeys() {
        long count = 0;
        try (RedisConnection connection = factory.getConnection();
                org.springframework.data.redis.core.Cursor<byte[]> cursor = connection
                        .keyCommands()
                        .scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
                                .match(store.prefix() + ":*")
                                .count(1000)
                                .build())) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        return count;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

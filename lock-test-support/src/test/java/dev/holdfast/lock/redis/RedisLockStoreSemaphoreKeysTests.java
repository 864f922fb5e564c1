package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The keys of semaphores and read/write locks: all of one in the hash slot of its key's lock, whatever its id holds;
 * a semaphore keeps its hash until deleted; a read/write lock leaves no key behind once released, nor once its
 * holder's lease ran out.
 */
class RedisLockStoreSemaphoreKeysTests {

    private static final List<String> IDS = List.of(
            "101", "a:b", "{brace}", "}{", "{", "}", "%7B", "%", "quote'\"", "ünïcødé-锁", "*?[]", "{a}{b}", "a b");

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreSemaphoreKeysTests.class);

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private RedisClient client;

    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
        RedisService service = TestServices.redis();
        client = RedisClient.create(RedisURI.create(service.host(), service.port()));
        redis = client.connect().sync();
    }

    @AfterEach
    void tearDown() {
        List<String> left = stored();
        if (!left.isEmpty()) {
            redis.del(left.toArray(String[]::new));
        }
        client.shutdown();
        store.close();
        factory.destroy();
    }

    @Test
    void shouldPutEveryKeyOfASemaphoreAndAReadWriteLockInTheSlotOfItsLock() {
        RedisKeys keys = store.keys();
        for (String id : IDS) {
            LockKey key = new LockKey("keys", id);
            int slot = SlotHash.getSlot(keys.lock(key));
            for (SemaphoreKind kind : SemaphoreKind.values()) {
                List<String> names = names(kind, key);
                assertThat(names).hasSize(4).doesNotHaveDuplicates();
                for (String name : names) {
                    assertThat(SlotHash.getSlot(name)).as("slot of %s", name).isEqualTo(slot);
                    assertThat(HashSlots.slot(name)).as("our slot of %s", name).isEqualTo(slot);
                }
                assertThat(keys.parseSemaphore(kind, names.get(0))).isEqualTo(key);
                assertThat(keys.wakesAll(names.get(0))).isTrue();
            }
            assertThat(keys.wakesAll(keys.lock(key))).isFalse();
        }
    }

    @Test
    void shouldKeepAFairSemaphoreWithAHolderAndAQueuedWaiterInItsFourKeys() {
        for (String id : IDS) {
            LockKey key = new LockKey("keys", id);
            assertThat(store.createSemaphore(key, 1, true)).isTrue();
            granted(store.acquirePermits(permits(key, "alice")));
            assertThat(store.acquirePermits(permits(key, "bob"))).isInstanceOf(PermitOutcome.Refused.class);
        }
        List<String> expected = new ArrayList<>();
        IDS.forEach((id) -> expected.addAll(names(SemaphoreKind.SEMAPHORE, new LockKey("keys", id))));
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.listSemaphores("keys", 100))
                .extracting((state) -> state.key().id())
                .containsExactlyInAnyOrderElementsOf(IDS);
        for (String id : IDS) {
            assertThat(store.deleteSemaphore(new LockKey("keys", id), true)).isEqualTo(SemaphoreDeletion.DELETED);
        }
        assertThat(stored()).isEmpty();
    }

    @Test
    void shouldKeepOnlyASemaphoresDefinitionOnceItsPermitsAreBack() {
        LockKey key = new LockKey("keys", "pool");
        store.createSemaphore(key, 2, false);
        long alice = granted(store.acquirePermits(permits(key, "alice")));
        long bob = granted(store.acquirePermits(permits(key, "bob")));
        assertThat(store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", alice))
                .isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(store.releasePermits(SemaphoreKind.SEMAPHORE, key, "bob", bob))
                .isEqualTo(ReleaseOutcome.RELEASED);
        // The definition is the user's: it stays, with nobody holding or waiting, until deleted.
        String hash = names(SemaphoreKind.SEMAPHORE, key).get(0);
        assertThat(stored()).containsExactly(hash);
        assertThat(redis.hkeys(hash)).containsExactlyInAnyOrder("size", "fair", "t", "used");
        assertThat(redis.ttl(hash)).isEqualTo(-1);
        assertThat(store.deleteSemaphore(key, false)).isEqualTo(SemaphoreDeletion.DELETED);
        assertThat(stored()).isEmpty();
    }

    @Test
    void shouldLeaveNoKeyOfAReadWriteLockBehindOnceReleased() {
        List<LockKey> docs = new ArrayList<>();
        IDS.forEach((id) -> docs.add(new LockKey("keys", id)));
        for (int i = 0; i < 500; i++) {
            docs.add(new LockKey("bounded", "doc-" + i));
        }
        for (LockKey doc : docs) {
            long alice = granted(store.acquirePermits(readWrite(doc, "alice", false, LEASE)));
            long bob = granted(store.acquirePermits(readWrite(doc, "bob", false, LEASE)));
            // A writer waits in the queue, and a late reader is refused behind it.
            assertThat(store.acquirePermits(readWrite(doc, "carol", true, LEASE)))
                    .isInstanceOf(PermitOutcome.Refused.class);
            assertThat(store.acquirePermits(readWrite(doc, "dave", false, LEASE)))
                    .isInstanceOf(PermitOutcome.Refused.class);
            assertThat(redis.exists(names(SemaphoreKind.READ_WRITE, doc).toArray(String[]::new)))
                    .isEqualTo(4);
            release(doc, "alice", alice);
            release(doc, "bob", bob);
            long carol = granted(store.acquirePermits(readWrite(doc, "carol", true, LEASE)));
            release(doc, "carol", carol);
        }
        assertThat(stored()).isEmpty();
        assertThat(store.listSemaphores(null, 1000)).isEmpty();
    }

    @Test
    void shouldLetTheKeysOfAReadWriteLockExpireWithItsHoldersLease() {
        LockKey doc = new LockKey("keys", "crashed");
        granted(store.acquirePermits(readWrite(doc, "crashed", true, Duration.ofMillis(300))));
        assertThat(store.acquirePermits(readWrite(doc, "bob", true, Duration.ofMillis(300))))
                .isInstanceOf(PermitOutcome.Refused.class);
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(names(SemaphoreKind.READ_WRITE, doc));
        // Nobody calls the store again: the server drops the keys once the lease and the queue place ran out.
        await("the crashed writer's keys gone")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> stored().isEmpty());
    }

    private void release(LockKey doc, String owner, long token) {
        assertThat(store.releasePermits(SemaphoreKind.READ_WRITE, doc, owner, token))
                .isEqualTo(ReleaseOutcome.RELEASED);
    }

    private List<String> names(SemaphoreKind kind, LockKey key) {
        return Arrays.stream(store.keys().semaphoreKeys(kind, key))
                .map((name) -> new String(name, StandardCharsets.UTF_8))
                .toList();
    }

    /** Return this store's keys (its prefix), found the way an operator would: SCAN with a pattern. */
    private List<String> stored() {
        List<String> found = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + ":*").limit(1000))
                .forEachRemaining(found::add);
        return found;
    }

    private static PermitCommand permits(LockKey key, String owner) {
        return new PermitCommand(key, SemaphoreKind.SEMAPHORE, owner, 0, 1, false, LEASE, AcquireMode.LOCK, 0, false);
    }

    private static PermitCommand readWrite(LockKey key, String owner, boolean write, Duration lease) {
        return new PermitCommand(key, SemaphoreKind.READ_WRITE, owner, 0, 1, write, lease, AcquireMode.LOCK, 0, false);
    }

    private static long granted(PermitOutcome outcome) {
        assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
        return ((PermitOutcome.Granted) outcome).token();
    }
}

package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The keys of the store's mailboxes: every key of one mailbox in the hash slot of its lock, whatever its id holds; an
 * emptied mailbox leaves no key behind, and results (with the keys that point call ids at them) expire.
 */
class RedisLockStoreMailboxKeysTests {

    private static final List<String> IDS =
            List.of("101", "a:b", "{brace}", "}{", "%7B", "%", "quote'\"", "ünïcødé-锁", "*?[]", "a b");

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreMailboxKeysTests.class);

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
    }

    @AfterEach
    void tearDown() {
        try (RedisConnection connection = factory.getConnection()) {
            for (byte[] key : storedKeys()) {
                connection.keyCommands().del(key);
            }
        }
        store.close();
        factory.destroy();
    }

    @Test
    void shouldPutEveryKeyOfAMailboxInTheHashSlotOfItsLock() {
        RedisKeys keys = store.keys();
        for (String id : IDS) {
            LockKey mailbox = new LockKey("orders", id);
            String lock = keys.lock(MailboxStore.lockKey(mailbox));
            int slot = SlotHash.getSlot(lock);
            List<String> names = new ArrayList<>();
            for (byte[] key : keys.mailboxKeys(mailbox)) {
                names.add(new String(key, StandardCharsets.UTF_8));
            }
            names.add(keys.mailboxResult(keys.mailboxTag(mailbox), "call-{" + id + "}"));
            assertThat(names.get(0)).isEqualTo(lock);
            assertThat(names)
                    .allSatisfy((name) -> assertThat(SlotHash.getSlot(name))
                            .as("slot of %s", name)
                            .isEqualTo(slot));
            assertThat(keys.parseMailboxQueue(names.get(1))).isEqualTo(mailbox);
            assertThat(keys.mailboxOfLock(lock)).isEqualTo(keys.mailbox(mailbox));
        }
        assertThat(keys.mailboxOfLock(keys.lock(new LockKey("orders", "1")))).isNull();
    }

    @Test
    void shouldLeaveNoKeyOnceAMailboxIsEmptiedAndItsResultsExpired() {
        LockKey mailbox = new LockKey("orders", "{emptied}");
        LockKey lockKey = MailboxStore.lockKey(mailbox);
        Duration ttl = Duration.ofMillis(300);
        List<MailboxFrame> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MailboxFrame frame =
                    new MailboxFrame("call-" + i + "-" + prefix, mailbox, "p" + i, List.of(), 0, Instant.now());
            assertThat(store.enqueue(frame, 10)).isTrue();
            frames.add(frame);
        }
        assertThat(storedKeys()).isNotEmpty();
        long token = ((AcquireOutcome.Granted) store.acquire(
                        new AcquireCommand(lockKey, "runner", 0, Duration.ofMinutes(1), AcquireMode.LOCK)))
                .token();
        assertThat(store.take(mailbox, frames.get(0).callId(), token)).isPresent();
        assertThat(store.complete(mailbox, frames.get(0).callId(), token, new FrameResult.Returned("r0"), ttl))
                .isTrue();
        assertThat(store.begin(mailbox, frames.get(1).callId(), token)).isPresent();
        assertThat(store.complete(mailbox, frames.get(1).callId(), token, new FrameResult.Returned(null), ttl))
                .isTrue();
        FrameResult.Failed failure = new FrameResult.Failed("E", "boom", 1, true);
        assertThat(store.deadLetter(mailbox, frames.get(2).callId(), token, failure, ttl))
                .isTrue();
        assertThat(store.deadLetter(mailbox, frames.get(3).callId(), token, failure, ttl))
                .isTrue();
        assertThat(store.depth(mailbox)).isZero();
        assertThat(store.deadLetters(mailbox)).hasSize(2);
        assertThat(store.discard(mailbox, frames.get(2).callId())).isTrue();
        assertThat(store.requeue(mailbox, frames.get(3).callId())).isTrue();
        assertThat(store.result(frames.get(3).callId())).isEmpty();
        assertThat(store.begin(mailbox, frames.get(3).callId(), token)).isPresent();
        assertThat(store.complete(mailbox, frames.get(3).callId(), token, new FrameResult.Returned("r3"), ttl))
                .isTrue();
        assertThat(store.release(lockKey, "runner", token)).isEqualTo(ReleaseOutcome.RELEASED);

        assertThat(store.result(frames.get(0).callId())).contains(new FrameResult.Returned("r0"));
        assertThat(store.result(frames.get(2).callId())).contains(failure);
        assertThat(names(storedKeys()))
                .as("what an empty mailbox with live results keeps")
                .allSatisfy((name) ->
                        assertThat(name).startsWith(prefix + ":mbox-").containsAnyOf(":mbox-result:", ":mbox-call:"))
                .hasSize(8);
        try (RedisConnection connection = factory.getConnection()) {
            for (byte[] key : storedKeys()) {
                assertThat(connection.keyCommands().pTtl(key)).isPositive().isLessThanOrEqualTo(ttl.toMillis());
            }
        }
        await("the results of mailbox [" + mailbox + "] expired")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> storedKeys().isEmpty());
        assertThat(store.result(frames.get(0).callId())).isEmpty();
    }

    /** List this store's keys (its prefix), the way an operator would: SCAN with a pattern. */
    private List<byte[]> storedKeys() {
        List<byte[]> found = new ArrayList<>();
        try (RedisConnection connection = factory.getConnection();
                Cursor<byte[]> cursor = connection
                        .keyCommands()
                        .scan(ScanOptions.scanOptions()
                                .match(prefix + ":*")
                                .count(1000)
                                .build())) {
            while (cursor.hasNext()) {
                found.add(cursor.next());
            }
        }
        return found;
    }

    private static List<String> names(List<byte[]> keys) {
        return keys.stream()
                .map((key) -> new String(key, StandardCharsets.UTF_8))
                .toList();
    }
}

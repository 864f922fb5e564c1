package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Counts the calls the store makes for semaphores and read/write locks, on a Redis of the test's own: one script call
 * (EVALSHA, plus EVAL) per operation and one for a batch of renewals; a publish only while a refused waiter may still
 * wait; expired grants pruned inside the scripts, by the server clock.
 */
class RedisLockStoreSemaphoreScriptTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private RedisServerProcess server;

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private RedisClient client;

    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        server = new RedisServerProcess();
        factory = RedisConnections.open("127.0.0.1", server.port(), Duration.ofSeconds(5));
        store = new RedisLockStore(factory, "calls");
        client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        redis = client.connect().sync();
        warmUp();
    }

    @AfterEach
    void tearDown() {
        client.shutdown();
        store.close();
        factory.destroy();
        server.close();
    }

    @Test
    void shouldMakeOneScriptCallPerSemaphoreOperation() {
        LockKey key = new LockKey("pool", "exports");
        assertThat(once(() -> store.createSemaphore(key, 2, true))).isTrue();
        assertThat(once(() -> store.createSemaphore(key, 5, false))).isFalse();
        long alice = once(() -> token(store.acquirePermits(permits(key, "alice", 2, AcquireMode.LOCK))));
        assertThat(once(() -> store.acquirePermits(permits(key, "bob", 1, AcquireMode.LOCK))))
                .isInstanceOf(PermitOutcome.Refused.class);
        assertThat(once(() -> store.acquirePermits(permits(key, "bob", 3, AcquireMode.LOCK))))
                .isInstanceOf(PermitOutcome.Rejected.class);
        assertThat(once(() -> store.acquirePermits(permits(new LockKey("pool", "none"), "bob", 1, AcquireMode.LOCK))))
                .isInstanceOf(PermitOutcome.Missing.class);
        assertThat(once(() ->
                        store.renewPermits(SemaphoreKind.SEMAPHORE, new RenewCommand(key, "alice", alice, LEASE))))
                .isTrue();
        assertThat(once(() -> store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key)))
                .get()
                .extracting(SemaphoreState::used, SemaphoreState::queued)
                .containsExactly(2, 1);
        assertThat(once(() -> store.resizeSemaphore(key, 3))).isPresent();
        long operator = once(() -> token(store.acquirePermits(permits(key, "operator", 2, AcquireMode.CLAIM))));
        assertThat(once(() -> store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", alice)))
                .isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(once(() -> store.releasePermits(SemaphoreKind.SEMAPHORE, key, "operator", operator)))
                .isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(once(() -> store.deleteSemaphore(key, false))).isEqualTo(SemaphoreDeletion.DELETED);

        LockKey doc = new LockKey("docs", "readme");
        long read = once(() -> token(store.acquirePermits(readWrite(doc, "alice", false))));
        assertThat(once(() -> store.acquirePermits(readWrite(doc, "bob", true))))
                .isInstanceOf(PermitOutcome.Refused.class);
        assertThat(once(() ->
                        store.renewPermits(SemaphoreKind.READ_WRITE, new RenewCommand(doc, "alice", read, LEASE))))
                .isTrue();
        assertThat(once(() -> store.inspectSemaphore(SemaphoreKind.READ_WRITE, doc)))
                .isPresent();
        assertThat(once(() -> store.releasePermits(SemaphoreKind.READ_WRITE, doc, "alice", read)))
                .isEqualTo(ReleaseOutcome.RELEASED);
    }

    @Test
    void shouldRenewManyGrantsInOneScriptCallAndReportOnlyTheLost() {
        List<RenewCommand> renewals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LockKey key = new LockKey("batch", "pool-" + i);
            long token = token(store.acquirePermits(new PermitCommand(
                    key, SemaphoreKind.SEMAPHORE, "alice", 0, 1, false, LEASE, AcquireMode.LOCK, 2, false)));
            renewals.add(new RenewCommand(key, "alice", (i % 10 == 0) ? token + 1 : token, Duration.ofMinutes(5)));
        }
        List<RenewCommand> lost = once(() -> store.renewAllPermits(SemaphoreKind.SEMAPHORE, renewals));
        assertThat(lost)
                .extracting((command) -> command.key().id())
                .containsExactly("pool-0", "pool-10", "pool-20", "pool-30", "pool-40");
        assertThat(store.inspectSemaphore(SemaphoreKind.SEMAPHORE, new LockKey("batch", "pool-1")))
                .get()
                .satisfies((state) ->
                        assertThat(state.holders().get(0).remaining()).isGreaterThan(Duration.ofMinutes(4)));
    }

    @Test
    void shouldPublishOnReleaseOnlyWhileARefusedWaiterMayStillWait() {
        LockKey key = new LockKey("pool", "quiet");
        store.createSemaphore(key, 1, false);
        long publishes = calls("cmdstat_publish");
        long alice = token(store.acquirePermits(permits(key, "alice", 1, AcquireMode.LOCK)));
        store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", alice);
        store.resizeSemaphore(key, 2);
        assertThat(calls("cmdstat_publish")).as("publishes with nobody refused").isEqualTo(publishes);
        alice = token(store.acquirePermits(permits(key, "alice", 2, AcquireMode.LOCK)));
        assertThat(store.acquirePermits(permits(key, "bob", 1, AcquireMode.LOCK)))
                .isInstanceOf(PermitOutcome.Refused.class);
        store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", alice);
        assertThat(calls("cmdstat_publish")).as("publishes after a refusal").isEqualTo(publishes + 1);
        store.resizeSemaphore(key, 3);
        store.deleteSemaphore(key, false);
        assertThat(calls("cmdstat_publish")).isEqualTo(publishes + 3);
    }

    @Test
    void shouldPruneAnExpiredGrantOnTheServerClockInsideTheNextScript() {
        LockKey key = new LockKey("pool", "pruned");
        store.createSemaphore(key, 1, false);
        byte[][] keys = store.keys().semaphoreKeys(SemaphoreKind.SEMAPHORE, key);
        String hash = new String(keys[0]);
        String leases = new String(keys[1]);
        long before = serverMillis();
        long alice = token(store.acquirePermits(new PermitCommand(
                key,
                SemaphoreKind.SEMAPHORE,
                "alice",
                0,
                1,
                false,
                Duration.ofMillis(300),
                AcquireMode.LOCK,
                0,
                false)));
        long after = serverMillis();
        // The lease ends 300 ms after the server's TIME during the script.
        assertThat(redis.zscore(leases, Long.toString(alice)).longValue()).isBetween(before + 300, after + 300);
        await("alice's lease over by the server clock")
                .atMost(Duration.ofSeconds(10))
                .until(() -> serverMillis() > after + 300);
        // Nothing outside the scripts removed it.
        assertThat(redis.hexists(hash, "g" + alice)).isTrue();
        assertThat(redis.hget(hash, "used")).isEqualTo("1");
        long bob = once(() -> token(store.acquirePermits(permits(key, "bob", 1, AcquireMode.LOCK))));
        assertThat(redis.hexists(hash, "g" + alice)).isFalse();
        assertThat(redis.zrange(leases, 0, -1)).containsExactly(Long.toString(bob));
        assertThat(redis.hget(hash, "used")).isEqualTo("1");
        assertThat(bob).isGreaterThan(alice);
    }

    /** Run every script once, so that none of the counted calls is a first EVALSHA answered by NOSCRIPT. */
    private void warmUp() {
        LockKey key = new LockKey("warm", "up");
        store.createSemaphore(key, 1, false);
        store.resizeSemaphore(key, 2);
        long token = token(store.acquirePermits(permits(key, "warm", 1, AcquireMode.LOCK)));
        store.renewPermits(SemaphoreKind.SEMAPHORE, new RenewCommand(key, "warm", token, LEASE));
        store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key);
        store.releasePermits(SemaphoreKind.SEMAPHORE, key, "warm", token);
        store.deleteSemaphore(key, true);
    }

    private static PermitCommand permits(LockKey key, String owner, int permits, AcquireMode mode) {
        return new PermitCommand(key, SemaphoreKind.SEMAPHORE, owner, 0, permits, false, LEASE, mode, 0, false);
    }

    private static PermitCommand readWrite(LockKey key, String owner, boolean write) {
        return new PermitCommand(key, SemaphoreKind.READ_WRITE, owner, 0, 1, write, LEASE, AcquireMode.LOCK, 0, false);
    }

    private static long token(PermitOutcome outcome) {
        assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
        return ((PermitOutcome.Granted) outcome).token();
    }

    private long serverMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    private <T> T once(Supplier<T> operation) {
        long before = scriptCalls();
        T result = operation.get();
        assertThat(scriptCalls() - before).as("script calls").isEqualTo(1);
        return result;
    }

    private long scriptCalls() {
        return calls("cmdstat_evalsha") + calls("cmdstat_eval");
    }

    private long calls(String command) {
        Properties stats = new Properties();
        try {
            stats.load(new java.io.StringReader(redis.info("commandstats").replace(':', '=')));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        String line = stats.getProperty(command);
        return (line == null) ? 0 : Long.parseLong(line.replaceAll("^calls=(\\d+),.*", "$1"));
    }
}

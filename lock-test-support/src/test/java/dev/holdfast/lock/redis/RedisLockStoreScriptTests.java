package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Counts the calls the store makes, on a Redis of the test's own: one script call (EVALSHA, failed or not, plus EVAL)
 * per operation, and one for a batch of renewals.
 */
class RedisLockStoreScriptTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private RedisServerProcess server;

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    @BeforeEach
    void setUp() {
        server = new RedisServerProcess();
        factory = RedisConnections.open("127.0.0.1", server.port(), Duration.ofSeconds(5));
        store = new RedisLockStore(factory, "calls");
        warmUp(new LockKey("warm", "up"));
    }

    @AfterEach
    void tearDown() {
        store.close();
        factory.destroy();
        server.close();
    }

    @Test
    void shouldMakeOneScriptCallPerOperation() {
        LockKey key = new LockKey("room", "101");
        long token =
                once(() -> ((AcquireOutcome.Granted) store.acquire(command(key, "alice", AcquireMode.LOCK))).token());
        once(() -> store.acquire(command(key, "alice", AcquireMode.LOCK)));
        once(() -> store.acquire(command(key, "bob", AcquireMode.LOCK)));
        once(() -> store.renew(new RenewCommand(key, "alice", token, LEASE)));
        once(() -> store.inspect(key));
        assertThat(once(() -> store.release(key, "alice", token))).isEqualTo(ReleaseOutcome.HOLD_DECREMENTED);
        assertThat(once(() -> store.release(key, "alice", token))).isEqualTo(ReleaseOutcome.RELEASED);
        once(() -> store.acquire(command(key, "bob", AcquireMode.CREATE)));
        assertThat(once(() -> store.expire(key, "bob"))).isTrue();
    }

    @Test
    void shouldRenewManyLeasesInOneScriptCallAndReportOnlyTheLost() {
        List<RenewCommand> renewals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LockKey key = new LockKey("batch", "lease-" + i);
            long token = ((AcquireOutcome.Granted) store.acquire(command(key, "alice", AcquireMode.LOCK))).token();
            renewals.add(new RenewCommand(key, "alice", (i % 10 == 0) ? token + 1 : token, Duration.ofMinutes(5)));
        }
        List<RenewCommand> lost = once(() -> store.renewAll(renewals));
        assertThat(lost)
                .extracting((command) -> command.key().id())
                .containsExactly("lease-0", "lease-10", "lease-20", "lease-30", "lease-40");
        assertThat(store.inspect(new LockKey("batch", "lease-1")))
                .get()
                .satisfies((state) -> assertThat(state.remaining()).isGreaterThan(Duration.ofMinutes(4)));
    }

    @Test
    void shouldPublishOnlyWhenARequestWasRefusedWhileTheLockWasHeld() {
        LockKey key = new LockKey("room", "102");
        long publishes = calls("cmdstat_publish");
        long token = ((AcquireOutcome.Granted) store.acquire(command(key, "alice", AcquireMode.LOCK))).token();
        assertThat(store.release(key, "alice", token)).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(calls("cmdstat_publish")).isEqualTo(publishes);
        token = ((AcquireOutcome.Granted) store.acquire(command(key, "alice", AcquireMode.LOCK))).token();
        assertThat(store.acquire(command(key, "bob", AcquireMode.LOCK))).isInstanceOf(AcquireOutcome.Refused.class);
        assertThat(store.release(key, "alice", token)).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(calls("cmdstat_publish")).isEqualTo(publishes + 1);
        store.acquire(command(key, "alice", AcquireMode.LOCK));
        assertThat(store.expire(key, null)).isTrue();
        assertThat(calls("cmdstat_publish")).isEqualTo(publishes + 1);
    }

    /** Run every script once, so that none of the counted calls is a first EVALSHA answered by NOSCRIPT. */
    private void warmUp(LockKey key) {
        long token = ((AcquireOutcome.Granted) store.acquire(command(key, "warm", AcquireMode.LOCK))).token();
        store.renew(new RenewCommand(key, "warm", token, LEASE));
        store.renewAll(List.of(new RenewCommand(key, "warm", token, LEASE)));
        store.inspect(key);
        store.release(key, "warm", token);
        store.expire(key, null);
    }

    private static AcquireCommand command(LockKey key, String owner, AcquireMode mode) {
        return new AcquireCommand(key, owner, 0, LEASE, mode);
    }

    private <T> T once(java.util.function.Supplier<T> operation) {
        long before = scriptCalls();
        T result = operation.get();
        assertThat(scriptCalls() - before).as("script calls").isEqualTo(1);
        return result;
    }

    private long scriptCalls() {
        return calls("cmdstat_evalsha") + calls("cmdstat_eval");
    }

    private long calls(String command) {
        try (RedisConnection connection = factory.getConnection()) {
            return calls(connection.serverCommands().info("commandstats"), command);
        }
    }

    private static long calls(Properties stats, String command) {
        String line = stats.getProperty(command);
        if (line == null) {
            return 0;
        }
        return Long.parseLong(line.replaceAll("^calls=(\\d+),.*", "$1"));
    }
}

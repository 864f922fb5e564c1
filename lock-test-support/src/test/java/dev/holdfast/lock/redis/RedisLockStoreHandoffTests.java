package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The direct hand-off: a release grants the lock to the longest queued waiter inside the script (a short claim lease
 * the waiter extends), a waiter that died while queued holds it no longer than the claim lease, and a waiter that gave
 * up leaves the queue.
 */
class RedisLockStoreHandoffTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreHandoffTests.class);

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private LettuceConnectionFactory otherFactory;

    private RedisLockStore other;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
        otherFactory = RedisConnections.toTestRedis();
        other = new RedisLockStore(otherFactory, prefix);
    }

    @AfterEach
    void tearDown() {
        store.close();
        factory.destroy();
        other.close();
        otherFactory.destroy();
    }

    @Test
    void shouldGrantTheQueuedWaiterInTheReleaseAndExtendItToItsLease() throws Exception {
        LockKey key = new LockKey("handoff", "live");
        long holder = granted(store.acquire(command(key, "alice")));
        try (LockWatch watch = other.watch(command(key, "bob"))) {
            assertThat(watch.next(Duration.ZERO).outcome()).isInstanceOf(AcquireOutcome.Refused.class);
            assertThat(queued(key)).isEqualTo(1);
            assertThat(store.release(key, "alice", holder)).isEqualTo(ReleaseOutcome.RELEASED);
            AcquireAttempt taken = watch.next(Duration.ofSeconds(5));
            assertThat(taken.outcome()).isInstanceOfSatisfying(AcquireOutcome.Granted.class, (granted) -> {
                assertThat(granted.token()).isGreaterThan(holder);
                assertThat(granted.holds()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> store.inspect(key)
                                        .map(LockState::remaining)
                                        .orElse(Duration.ZERO)
                                        .compareTo(Duration.ofSeconds(10))
                                > 0);
                assertThat(store.inspect(key)).get().satisfies((state) -> {
                    assertThat(state.owner()).isEqualTo("bob");
                    assertThat(state.token()).isEqualTo(granted.token());
                    assertThat(state.holds()).isEqualTo(1);
                });
                assertThat(other.release(key, "bob", granted.token())).isEqualTo(ReleaseOutcome.RELEASED);
            });
        }
        assertThat(store.inspect(key)).isEmpty();
        assertThat(queued(key)).isZero();
    }

    @Test
    void shouldHoldTheLockForADeadQueuedWaiterNoLongerThanTheClaimLease() throws Exception {
        LockKey key = new LockKey("handoff", "dead");
        long holder = granted(store.acquire(command(key, "alice")));
        LockWatch watch = other.watch(command(key, "carol"));
        assertThat(watch.next(Duration.ZERO).outcome()).isInstanceOf(AcquireOutcome.Refused.class);
        // Carol's process dies: its subscription ends and its watch is never closed, so it never leaves the queue.
        other.close();
        assertThat(store.release(key, "alice", holder)).isEqualTo(ReleaseOutcome.RELEASED);
        // Granted to carol by the release script itself, for the claim lease only.
        assertThat(store.inspect(key)).get().satisfies((state) -> {
            assertThat(state.owner()).isEqualTo("carol");
            assertThat(state.token()).isGreaterThan(holder);
            assertThat(state.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(2));
        });
        await().atMost(Duration.ofSeconds(4)).until(() -> store.inspect(key).isEmpty());
        assertThat(granted(store.acquire(command(key, "dave")))).isGreaterThan(holder);
    }

    @Test
    void shouldLeaveTheQueueWhenTheWaiterStopsWaiting() throws Exception {
        LockKey key = new LockKey("handoff", "gave-up");
        long holder = granted(store.acquire(command(key, "alice")));
        LockWatch watch = other.watch(command(key, "erin"));
        assertThat(watch.next(Duration.ZERO).outcome()).isInstanceOf(AcquireOutcome.Refused.class);
        assertThat(queued(key)).isEqualTo(1);
        watch.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> queued(key) == 0);
        assertThat(store.release(key, "alice", holder)).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(store.inspect(key)).isEmpty();
    }

    private long queued(LockKey key) {
        byte[] queue = (new RedisKeys(prefix).lock(key) + ":q").getBytes(StandardCharsets.UTF_8);
        try (RedisConnection connection = factory.getConnection()) {
            Long size = connection.zSetCommands().zCard(queue);
            return (size != null) ? size : 0;
        }
    }

    private static AcquireCommand command(LockKey key, String owner) {
        return new AcquireCommand(key, owner, 0, LEASE, AcquireMode.LOCK);
    }

    private static long granted(AcquireOutcome outcome) {
        assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        return ((AcquireOutcome.Granted) outcome).token();
    }
}

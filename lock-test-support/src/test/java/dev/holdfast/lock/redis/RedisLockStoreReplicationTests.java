package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.test.RecordingLockStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The opt-in replication guarantee ({@code replicasToAck}) on a primary with one replica of the test's own: a grant
 * or renewal counts only once the replica has it; while the replica is frozen, grants are given back and fail, and
 * renewals fail, whichever path runs the scripts.
 */
class RedisLockStoreReplicationTests {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(500);

    private static RedisServerProcess primary;

    private static RedisServerProcess replica;

    private static RedisClient client;

    private static StatefulRedisConnection<String, String> toPrimary;

    private static StatefulRedisConnection<String, String> toReplica;

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreReplicationTests.class);

    private final LockKey key = new LockKey("replication", "room:101");

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startPrimaryAndReplica() {
        primary = new RedisServerProcess();
        replica = new RedisServerProcess(
                RedisConnections.freePort(),
                null,
                List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        client = RedisClient.create();
        toPrimary = client.connect(RedisURI.create("127.0.0.1", primary.port()));
        toReplica = client.connect(RedisURI.create("127.0.0.1", replica.port()));
        awaitReplicaInSync();
    }

    @AfterAll
    static void stopPrimaryAndReplica() {
        if (client != null) {
            client.shutdown();
        }
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @AfterEach
    void closeStoresAndResumeReplica() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        replica.resume();
        awaitReplicaInSync();
    }

    @ParameterizedTest(name = "shared native connection: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReturnAGrantOnlyOnceTheFrozenReplicaCaughtUp(boolean shareNativeConnection) throws Exception {
        RedisLockStore store = store(shareNativeConnection, 1, Duration.ofSeconds(3));
        replica.pause();
        CompletableFuture<AcquireOutcome> grant =
                CompletableFuture.supplyAsync(() -> store.acquire(command(key, "alice")));
        await("the grant's WAIT blocked on the primary")
                .atMost(Duration.ofSeconds(10))
                .until(() -> toPrimary.sync().info("clients").contains("blocked_clients:1"));
        assertThat(grant).isNotDone();
        replica.resume();
        long token = granted(grant.get(10, TimeUnit.SECONDS));
        assertThat(toReplica.sync().hget(store.keys().lock(key), "t")).isEqualTo(Long.toString(token));
    }

    @ParameterizedTest(name = "shared native connection: {0}")
    @ValueSource(booleans = {true, false})
    void shouldGiveBackAndFailAGrantWhileTheReplicaIsFrozen(boolean shareNativeConnection) {
        RedisLockStore store = store(shareNativeConnection, 1);
        RedisLockStore plain = store(true, 0);
        replica.pause();
        assertThatThrownBy(() -> store.acquire(command(key, "alice")))
                .isInstanceOf(LockStoreException.class)
                .hasMessageStartingWith("Lock [" + key + "] was granted to 'alice' (token ")
                .hasMessageEndingWith(
                        "on the primary, but only 0 of 1 replicas acknowledged it within PT0.5S; the grant was given back");
        assertThat(plain.inspect(key)).isEmpty();
    }

    @Test
    void shouldGiveBackOnlyTheReentrantHoldWhileTheReplicaIsFrozen() {
        RedisLockStore store = store(true, 1);
        RedisLockStore plain = store(true, 0);
        long token = granted(plain.acquire(command(key, "alice")));
        replica.pause();
        assertThatThrownBy(() -> store.acquire(command(key, "alice")))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("was granted to 'alice' (token " + token + ")");
        assertThat(plain.inspect(key)).get().satisfies((state) -> {
            assertThat(state.owner()).isEqualTo("alice");
            assertThat(state.token()).isEqualTo(token);
            assertThat(state.holds()).isEqualTo(1);
        });
    }

    @Test
    void shouldFailRenewalsWhileTheReplicaIsFrozen() {
        RedisLockStore store = store(true, 1);
        long token = granted(store.acquire(command(key, "alice")));
        replica.pause();
        RenewCommand renewal = new RenewCommand(key, "alice", token, Duration.ofSeconds(30));
        assertThatThrownBy(() -> store.renew(renewal))
                .isInstanceOf(LockStoreException.class)
                .hasMessage("Lock [" + key + "] was renewed on the primary, but only 0 of 1 replicas acknowledged it"
                        + " within PT0.5S; it does not count");
        assertThatThrownBy(() -> store.renewAll(List.of(renewal)))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("Lock [" + key + "] was renewed on the primary, but only 0 of 1");
        replica.resume();
        assertThat(store.renew(renewal)).isTrue();
        assertThat(store.renewAll(List.of(renewal))).isEmpty();
    }

    @Test
    void shouldAnswerARefusalWhateverTheReplicas() {
        RedisLockStore store = store(true, 1);
        granted(store(true, 0).acquire(command(key, "bob")));
        replica.pause();
        assertThat(store.acquire(command(key, "alice")))
                .isInstanceOfSatisfying(
                        AcquireOutcome.Refused.class,
                        (refused) -> assertThat(refused.holder().owner()).isEqualTo("bob"));
    }

    @Test
    void shouldHoldAWokenWaitersGrantToTheGuarantee() {
        RedisLockStore store = store(true, 1);
        RecordingLockStore waiterStore = new RecordingLockStore(store(true, 1));
        LockTemplate holder = track(LockTemplate.of(store));
        LockTemplate waiter = track(LockTemplate.of(waiterStore));
        Lease held = holder.acquire(request("alice").build());
        CompletableFuture<Lease> waited = CompletableFuture.supplyAsync(() ->
                waiter.acquire(request("bob").waitTime(Duration.ofSeconds(20)).build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> waiterStore.waiters(key) > 0);
        replica.pause();
        held.close();
        assertThat(waited)
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(LockStoreException.class)
                .withMessageContaining("Lock [" + key + "] was granted to 'bob'")
                .withMessageContaining("the grant was given back");
        assertThat(store(true, 0).inspect(key)).isEmpty();
    }

    @Test
    void shouldRefuseAnAckTimeoutNotShorterThanTheCommandTimeout() {
        LettuceConnectionFactory factory =
                track(RedisConnections.open("127.0.0.1", primary.port(), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> RedisLockStore.builder(factory)
                        .prefix(prefix)
                        .replicasToAck(1)
                        .ackTimeout(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Replica acknowledgement timeout PT1S must be shorter than the connection factory's command"
                        + " timeout PT1S (key prefix [" + prefix + "])");
    }

    @Test
    void shouldRejectReplicaCountsAndTimeoutsOutOfBounds() {
        LettuceConnectionFactory factory =
                track(RedisConnections.open("127.0.0.1", primary.port(), Duration.ofSeconds(5)));
        assertThatThrownBy(
                        () -> RedisLockStore.builder(factory).replicasToAck(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Replicas to acknowledge must be 0 or more, but was -1");
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofNanos(1_500_000), Duration.ofMinutes(2))) {
            assertThatThrownBy(() ->
                            RedisLockStore.builder(factory).ackTimeout(timeout).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Replica acknowledgement timeout must be whole milliseconds from PT0.001S to PT1M, but"
                            + " was " + timeout);
        }
    }

    private RedisLockStore store(boolean shareNativeConnection, int replicasToAck) {
        return store(shareNativeConnection, replicasToAck, ACK_TIMEOUT);
    }

    private RedisLockStore store(boolean shareNativeConnection, int replicasToAck, Duration ackTimeout) {
        LettuceConnectionFactory factory =
                track(RedisConnections.open("127.0.0.1", primary.port(), Duration.ofSeconds(5)));
        factory.setShareNativeConnection(shareNativeConnection);
        RedisLockStore store = RedisLockStore.builder(factory)
                .prefix(prefix)
                .replicasToAck(replicasToAck)
                .ackTimeout(ackTimeout)
                .build();
        closeables.add(0, store);
        return store;
    }

    private LettuceConnectionFactory track(LettuceConnectionFactory factory) {
        closeables.add(0, factory::destroy);
        return factory;
    }

    private LockTemplate track(LockTemplate template) {
        closeables.add(0, template);
        return template;
    }

    private LockRequest.Builder request(String owner) {
        return LockRequest.of(key).owner(owner).lease(Duration.ofSeconds(30)).autoRenew(false);
    }

    private static AcquireCommand command(LockKey key, String owner) {
        return new AcquireCommand(key, owner, 0, Duration.ofSeconds(30), AcquireMode.LOCK);
    }

    private static long granted(AcquireOutcome outcome) {
        assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        return ((AcquireOutcome.Granted) outcome).token();
    }

    /** Wait until the replica acknowledges a write on the primary: it is connected and has everything before. */
    private static void awaitReplicaInSync() {
        await("replica on port " + replica.port() + " in sync")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    toPrimary.sync().incr("replication-probe");
                    return toPrimary.sync().waitForReplication(1, 1000) == 1;
                });
    }
}

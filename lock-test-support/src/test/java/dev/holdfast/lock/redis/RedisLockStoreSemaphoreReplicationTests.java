package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The opt-in replication guarantee ({@code replicasToAck}) for permits, on a primary with one replica of the test's
 * own: a semaphore's or read/write lock's grant counts only once the replica has it; while the replica is frozen,
 * grants are given back and fail, and renewals fail, whichever path runs the scripts.
 */
class RedisLockStoreSemaphoreReplicationTests {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(500);

    private static final Duration LEASE = Duration.ofSeconds(30);

    private static RedisServerProcess primary;

    private static RedisServerProcess replica;

    private static RedisClient client;

    private static StatefulRedisConnection<String, String> toPrimary;

    private static StatefulRedisConnection<String, String> toReplica;

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreSemaphoreReplicationTests.class);

    private final LockKey key = new LockKey("replication", "exports");

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
    void shouldReturnAPermitGrantOnlyOnceTheFrozenReplicaCaughtUp(boolean shareNativeConnection) throws Exception {
        RedisLockStore store = store(shareNativeConnection, 1, Duration.ofSeconds(3));
        store.createSemaphore(key, 2, false);
        awaitReplicaInSync();
        replica.pause();
        CompletableFuture<PermitOutcome> grant =
                CompletableFuture.supplyAsync(() -> store.acquirePermits(permits("alice")));
        await("the grant's WAIT blocked on the primary")
                .atMost(Duration.ofSeconds(10))
                .until(() -> toPrimary.sync().info("clients").contains("blocked_clients:1"));
        assertThat(grant).isNotDone();
        replica.resume();
        long token = granted(grant.get(10, TimeUnit.SECONDS));
        assertThat(toReplica.sync().hexists(hash(store, SemaphoreKind.SEMAPHORE), "g" + token))
                .isTrue();
    }

    @ParameterizedTest(name = "shared native connection: {0}")
    @ValueSource(booleans = {true, false})
    void shouldGiveBackAndFailAPermitGrantWhileTheReplicaIsFrozen(boolean shareNativeConnection) {
        RedisLockStore store = store(shareNativeConnection, 1, ACK_TIMEOUT);
        RedisLockStore plain = store(true, 0, ACK_TIMEOUT);
        plain.createSemaphore(key, 2, false);
        replica.pause();
        assertThatThrownBy(() -> store.acquirePermits(permits("alice")))
                .isInstanceOf(LockStoreException.class)
                .hasMessageStartingWith("Semaphore [" + key + "] was granted to 'alice' (token ")
                .hasMessageEndingWith(
                        "on the primary, but only 0 of 1 replicas acknowledged it within PT0.5S; the grant was given back");
        assertThat(plain.inspectSemaphore(SemaphoreKind.SEMAPHORE, key))
                .get()
                .extracting(SemaphoreState::used)
                .isEqualTo(0);
        LockKey doc = new LockKey("replication", "doc");
        PermitCommand write = new PermitCommand(
                doc, SemaphoreKind.READ_WRITE, "alice", 0, 1, true, LEASE, AcquireMode.LOCK, 0, false);
        assertThatThrownBy(() -> store.acquirePermits(write))
                .isInstanceOf(LockStoreException.class)
                .hasMessageStartingWith("Read/write lock [" + doc + "] was granted to 'alice' (token ")
                .hasMessageEndingWith("the grant was given back");
        assertThat(plain.inspectSemaphore(SemaphoreKind.READ_WRITE, doc)).isEmpty();
    }

    @Test
    void shouldFailPermitRenewalsWhileTheReplicaIsFrozen() {
        RedisLockStore store = store(true, 1, ACK_TIMEOUT);
        store.createSemaphore(key, 2, false);
        long token = granted(store.acquirePermits(permits("alice")));
        replica.pause();
        RenewCommand renewal = new RenewCommand(key, "alice", token, LEASE);
        assertThatThrownBy(() -> store.renewPermits(SemaphoreKind.SEMAPHORE, renewal))
                .isInstanceOf(LockStoreException.class)
                .hasMessage("Semaphore [" + key + "] was renewed on the primary, but only 0 of 1 replicas"
                        + " acknowledged it within PT0.5S; it does not count");
        assertThatThrownBy(() -> store.renewAllPermits(SemaphoreKind.SEMAPHORE, List.of(renewal)))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("Semaphore [" + key + "] was renewed on the primary, but only 0 of 1");
        replica.resume();
        assertThat(store.renewPermits(SemaphoreKind.SEMAPHORE, renewal)).isTrue();
        assertThat(store.renewAllPermits(SemaphoreKind.SEMAPHORE, List.of(renewal)))
                .isEmpty();
    }

    @Test
    void shouldAnswerARefusalWhateverTheReplicas() {
        RedisLockStore store = store(true, 1, ACK_TIMEOUT);
        RedisLockStore plain = store(true, 0, ACK_TIMEOUT);
        plain.createSemaphore(key, 1, false);
        granted(plain.acquirePermits(permits("bob")));
        replica.pause();
        assertThat(store.acquirePermits(permits("alice")))
                .isInstanceOfSatisfying(
                        PermitOutcome.Refused.class,
                        (refused) -> assertThat(refused.state().holders())
                                .singleElement()
                                .satisfies(
                                        (holder) -> assertThat(holder.owner()).isEqualTo("bob")));
    }

    private String hash(RedisLockStore store, SemaphoreKind kind) {
        return new String(store.keys().semaphoreKeys(kind, key)[0], StandardCharsets.UTF_8);
    }

    private PermitCommand permits(String owner) {
        return new PermitCommand(key, SemaphoreKind.SEMAPHORE, owner, 0, 1, false, LEASE, AcquireMode.LOCK, 0, false);
    }

    private RedisLockStore store(boolean shareNativeConnection, int replicasToAck, Duration ackTimeout) {
        LettuceConnectionFactory factory = RedisConnections.open("127.0.0.1", primary.port(), Duration.ofSeconds(5));
        closeables.add(0, factory::destroy);
        factory.setShareNativeConnection(shareNativeConnection);
        RedisLockStore store = RedisLockStore.builder(factory)
                .prefix(prefix)
                .replicasToAck(replicasToAck)
                .ackTimeout(ackTimeout)
                .build();
        closeables.add(0, store);
        return store;
    }

    private static long granted(PermitOutcome outcome) {
        assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
        return ((PermitOutcome.Granted) outcome).token();
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

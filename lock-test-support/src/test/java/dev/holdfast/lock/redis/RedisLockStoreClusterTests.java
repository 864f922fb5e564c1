package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.test.BasicContract;
import dev.holdfast.lock.test.ConcurrencyContract;
import dev.holdfast.lock.test.HandleContract;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxContract;
import dev.holdfast.lock.test.MailboxDeliveryContract;
import dev.holdfast.lock.test.MailboxOperationsContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import dev.holdfast.lock.test.PriorityContract;
import dev.holdfast.lock.test.ReadWriteLockContract;
import dev.holdfast.lock.test.SemaphoreContract;
import dev.holdfast.lock.test.WaitingContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store on a Redis Cluster of the test's own (three primaries, three replicas): the whole store contract
 * (semaphores, read/write locks and mailboxes included) through Lettuce's shared cluster connection and through Spring Data
 * Redis's cluster connections, listing locks and semaphores across every primary, the startup log that names the
 * path, and replication on a cluster.
 */
class RedisLockStoreClusterTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static RedisClusterProcesses cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcesses.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static LettuceConnectionFactory factory(boolean shareNativeConnection) {
        LettuceConnectionFactory factory = RedisConnections.toCluster(cluster.ports(), TIMEOUT);
        factory.setShareNativeConnection(shareNativeConnection);
        return factory;
    }

    /** The contract through Lettuce's shared native cluster connection, the store's fast path. */
    @Nested
    class SharedNativeConnection extends Contract {
        SharedNativeConnection() {
            super(true);
        }
    }

    /** The contract through Spring Data Redis's cluster connections, one per call (the path Jedis takes). */
    @Nested
    class SpringDataConnections extends Contract {
        SpringDataConnections() {
            super(false);
        }
    }

    /** Listing, the startup log and replication, on each path. */
    @Nested
    class Topology {

        private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreClusterTests.class);

        private final List<Runnable> cleanUp = new ArrayList<>();

        @AfterEach
        void closeStores() {
            cleanUp.forEach(Runnable::run);
        }

        @Test
        void shouldListLocksOnEveryPrimaryThroughTheSharedConnection() {
            assertListsEveryPrimary(open(true));
        }

        @Test
        void shouldListLocksOnEveryPrimaryThroughSpringDataConnections() {
            assertListsEveryPrimary(open(false));
        }

        @ParameterizedTest(name = "shared native connection: {0}")
        @ValueSource(booleans = {true, false})
        void shouldListSemaphoresAndReadWriteLocksOnEveryPrimary(boolean shareNativeConnection) {
            RedisLockStore store = open(shareNativeConnection);
            List<LockKey> keys = keysOnEveryPrimary(store, 2);
            for (int i = 0; i < keys.size(); i++) {
                SemaphoreKind kind = (i % 2 == 0) ? SemaphoreKind.SEMAPHORE : SemaphoreKind.READ_WRITE;
                assertThat(store.acquirePermits(permits(keys.get(i), kind))).isInstanceOf(PermitOutcome.Granted.class);
            }
            assertThat(store.listSemaphores("cluster", 100))
                    .extracting(SemaphoreState::key)
                    .containsExactlyInAnyOrderElementsOf(keys);
            assertThat(store.listSemaphores("cluster", 100))
                    .filteredOn((state) -> state.kind() == SemaphoreKind.READ_WRITE)
                    .hasSize(3);
            assertThat(store.listSemaphores(null, 4)).hasSize(4);
            assertThat(store.listSemaphores("elsewhere", 100)).isEmpty();
        }

        @Test
        void shouldGrantAndRenewPermitsOnClusterOnceTheReplicaAcknowledged() {
            RedisLockStore store = open(true, 1, Duration.ofSeconds(2));
            List<RenewCommand> renewals = new ArrayList<>();
            for (LockKey key : keysOnEveryPrimary(store, 2)) {
                PermitOutcome outcome = store.acquirePermits(permits(key, SemaphoreKind.SEMAPHORE));
                assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
                long token = ((PermitOutcome.Granted) outcome).token();
                renewals.add(new RenewCommand(key, "alice", token, Duration.ofSeconds(30)));
            }
            assertThat(store.renewAllPermits(SemaphoreKind.SEMAPHORE, renewals)).isEmpty();
            RenewCommand stale = renewals.get(0);
            RenewCommand lost = new RenewCommand(stale.key(), "alice", stale.token() + 1, stale.lease());
            assertThat(store.renewAllPermits(SemaphoreKind.SEMAPHORE, List.of(lost, renewals.get(1))))
                    .containsExactly(lost);
        }

        @Test
        void shouldLogThatScriptsRunOnLettucesSharedClusterConnection() {
            LettuceConnectionFactory factory = factory(true);
            StandardErrorCapture.Captured<RedisLockStore> created =
                    StandardErrorCapture.during(() -> new RedisLockStore(factory, prefix));
            track(created.result(), factory);
            assertThat(created.output())
                    .contains("INFO")
                    .contains("Holdfast's Redis store (key prefix [" + prefix + "]) runs its scripts on Lettuce's"
                            + " shared native cluster connection, which sends each script to the primary of its"
                            + " lock's hash slot");
        }

        @Test
        void shouldLogThatScriptsRunOnSpringDataConnectionsAndWhy() {
            LettuceConnectionFactory factory = factory(false);
            StandardErrorCapture.Captured<RedisLockStore> created =
                    StandardErrorCapture.during(() -> new RedisLockStore(factory, prefix));
            track(created.result(), factory);
            assertThat(created.output())
                    .contains("INFO")
                    .contains("Holdfast's Redis store (key prefix [" + prefix + "]) runs its scripts on Spring Data"
                            + " Redis connections, one per call, because the LettuceConnectionFactory does not share"
                            + " its native connection (shareNativeConnection=false)");
        }

        @Test
        void shouldGrantAndRenewOnClusterOnceTheReplicaAcknowledged() {
            RedisLockStore store = open(true, 1, Duration.ofSeconds(2));
            List<LockKey> keys = keysOnEveryPrimary(store, 1);
            List<RenewCommand> renewals = new ArrayList<>();
            for (LockKey key : keys) {
                long token = granted(store.acquire(command(key, "alice")));
                assertThat(store.renew(new RenewCommand(key, "alice", token, Duration.ofSeconds(30))))
                        .isTrue();
                renewals.add(new RenewCommand(key, "alice", token, Duration.ofSeconds(30)));
            }
            assertThat(store.renewAll(renewals)).isEmpty();
            assertThat(store.list("cluster", 10)).extracting(LockState::key).containsExactlyInAnyOrderElementsOf(keys);
        }

        @Test
        void shouldGiveBackAndFailGrantsMoreReplicasMustAcknowledgeThanThereAre() {
            RedisLockStore store = open(true, 2, Duration.ofMillis(500));
            RedisLockStore plain = open(true, 0, Duration.ofSeconds(1));
            for (LockKey key : keysOnEveryPrimary(store, 1)) {
                assertThatThrownBy(() -> store.acquire(command(key, "alice")))
                        .isInstanceOf(LockStoreException.class)
                        .hasMessageContaining("Lock [" + key + "] was granted to 'alice'")
                        // Each primary has one replica, which acknowledges unless it is slow on a loaded machine.
                        .hasMessageMatching(
                                ".* on the primary, but only [01] of 2 replicas acknowledged it within PT0.5S;"
                                        + " the grant was given back");
                assertThat(plain.inspect(key)).isEmpty();
                long token = granted(plain.acquire(command(key, "bob")));
                assertThatThrownBy(() -> store.renew(new RenewCommand(key, "bob", token, Duration.ofSeconds(30))))
                        .isInstanceOf(LockStoreException.class)
                        .hasMessageMatching("Lock \\[" + Pattern.quote(key.toString())
                                + "\\] was renewed on the primary, but only [01] of 2 .*");
            }
        }

        @Test
        void shouldRefuseToWaitForReplicasThroughSpringDataClusterConnections() {
            RedisLockStore store = open(false, 1, Duration.ofSeconds(1));
            LockKey key = new LockKey("cluster", "replicated");
            assertThatThrownBy(() -> store.acquire(command(key, "alice")))
                    .isInstanceOf(LockStoreException.class)
                    .hasMessageContaining("Lock [" + key + "] could not be acquired")
                    .hasMessageContaining("needs a LettuceConnectionFactory that shares its native connection");
            assertThat(store.inspect(key)).isEmpty();
        }

        private void assertListsEveryPrimary(RedisLockStore store) {
            List<LockKey> keys = keysOnEveryPrimary(store, 3);
            for (LockKey key : keys) {
                granted(store.acquire(command(key, "alice")));
            }
            assertThat(store.list("cluster", 100)).extracting(LockState::key).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(store.list(null, 100)).extracting(LockState::key).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(store.list("cluster", 4)).hasSize(4);
            assertThat(store.list("elsewhere", 100)).isEmpty();
        }

        /** Return ids of namespace "cluster" whose locks lie on each of the three primaries, {@code each} per primary. */
        private List<LockKey> keysOnEveryPrimary(RedisLockStore store, int each) {
            LettuceConnectionFactory lookup = factory(true);
            try (RedisClusterConnection connection = lookup.getClusterConnection()) {
                Map<String, List<LockKey>> byPrimary = new LinkedHashMap<>();
                for (RedisClusterNode node : connection.clusterGetNodes()) {
                    if (node.isMaster()) {
                        byPrimary.put(node.getId(), new ArrayList<>());
                    }
                }
                assertThat(byPrimary).hasSize(3);
                for (int i = 0; byPrimary.values().stream().anyMatch((keys) -> keys.size() < each); i++) {
                    LockKey key = new LockKey("cluster", "id-" + i);
                    byte[] name = store.keys().lock(key).getBytes(StandardCharsets.UTF_8);
                    List<LockKey> onNode =
                            byPrimary.get(connection.clusterGetNodeForKey(name).getId());
                    if (onNode.size() < each) {
                        onNode.add(key);
                    }
                }
                return byPrimary.values().stream().flatMap(List::stream).toList();
            } finally {
                lookup.destroy();
            }
        }

        private RedisLockStore open(boolean shareNativeConnection) {
            return open(shareNativeConnection, 0, Duration.ofSeconds(1));
        }

        private RedisLockStore open(boolean shareNativeConnection, int replicasToAck, Duration ackTimeout) {
            LettuceConnectionFactory factory = factory(shareNativeConnection);
            return track(
                    RedisLockStore.builder(factory)
                            .prefix(prefix)
                            .replicasToAck(replicasToAck)
                            .ackTimeout(ackTimeout)
                            .build(),
                    factory);
        }

        private RedisLockStore track(RedisLockStore store, LettuceConnectionFactory factory) {
            cleanUp.add(() -> {
                store.list(null, 1000).forEach((held) -> store.expire(held.key(), null));
                store.listSemaphores(null, 1000).forEach((held) -> store.deleteSemaphore(held.key(), true));
                store.close();
                factory.destroy();
            });
            return store;
        }
    }

    private static AcquireCommand command(LockKey key, String owner) {
        return new AcquireCommand(key, owner, 0, Duration.ofSeconds(30), AcquireMode.LOCK);
    }

    /** A permit of a semaphore created with two, or a read hold. */
    private static PermitCommand permits(LockKey key, SemaphoreKind kind) {
        return new PermitCommand(key, kind, "alice", 0, 1, false, Duration.ofSeconds(30), AcquireMode.LOCK, 2, false);
    }

    private static long granted(AcquireOutcome outcome) {
        assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        return ((AcquireOutcome.Granted) outcome).token();
    }

    abstract static class Contract extends LockStoreContract
            implements BasicContract,
                    PriorityContract,
                    HandleContract,
                    WaitingContract,
                    ConcurrencyContract,
                    SemaphoreContract,
                    ReadWriteLockContract,
                    MailboxContract,
                    MailboxDeliveryContract,
                    MailboxOperationsContract,
                    MailboxWaitingContract {

        private final boolean shareNativeConnection;

        private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreClusterTests.class);

        Contract(boolean shareNativeConnection) {
            this.shareNativeConnection = shareNativeConnection;
        }

        @Override
        protected LockStore createStore() {
            return newClient();
        }

        @Override
        public LockStore createIndependentClient() {
            return newClient();
        }

        @Override
        public Duration wakeUpBound() {
            return Duration.ofMillis(300);
        }

        private RedisLockStore newClient() {
            LettuceConnectionFactory factory = factory(shareNativeConnection);
            RedisLockStore store = new RedisLockStore(factory, prefix);
            track(() -> {
                store.close();
                factory.destroy();
            });
            return store;
        }
    }
}

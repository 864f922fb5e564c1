package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Replica failover behind Sentinel, on local processes: clients fuzz a few locks through Spring Data Redis's Sentinel
 * configuration while the replica is cut off, the primary is killed (SIGKILL) and Sentinel promotes the replica. A
 * late holder takes a lock while the replica is cut off and holds it across the failover. With
 * {@code replicasToAck(1)} no grant is lost, so no two holders ever overlap, and tokens only grow; without it, the
 * late holder's grant never reached the replica and the lock is granted again while it still holds it.
 */
class RedisLockStoreSentinelTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static RedisSentinelProcesses sentinel;

    private static ClientResources resources;

    @BeforeAll
    static void startPrimaryReplicaAndSentinels() {
        sentinel = RedisSentinelProcesses.start();
        resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(100)))
                .build();
    }

    @AfterAll
    static void stopAll() {
        if (resources != null) {
            resources.shutdown();
        }
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @Test
    void shouldKeepEveryGrantAndLetTokensOnlyGrowAcrossFailoverWhenAReplicaAcknowledges() throws Exception {
        FailoverFuzz.Outcome outcome = failOverWhileFuzzing(1);
        assertThat(outcome.mostHolders())
                .as("most holders at once, per lock")
                .allSatisfy((id, most) -> assertThat(most).as(id).isEqualTo(1));
        assertGrowingTokens(outcome);
        assertThat(outcome.lateHolderKept()).as("the late holder kept its lock").isTrue();
        assertThat(outcome.unreplicated())
                .as("grants given back while the replica was cut off")
                .isPositive();
    }

    @Test
    void shouldLoseAGrantTheReplicaNeverGotWithoutTheGuarantee() throws Exception {
        FailoverFuzz.Outcome outcome = failOverWhileFuzzing(0);
        assertThat(outcome.lateHolderKept()).as("the late holder kept its lock").isFalse();
        assertThat(outcome.mostHolders().get(FailoverFuzz.HELD))
                .as("most holders of the late holder's lock at once")
                .isEqualTo(2);
        assertGrowingTokens(outcome);
    }

    /**
     * Fuzz, cut the replica off, start the late holder until it is granted (or its grant given back twice), kill the
     * primary, wait for the failover, then fuzz on until the late holder holds its lock and the new primary granted a
     * hundred more times and was asked for the late holder's lock twenty times.
     */
    private FailoverFuzz.Outcome failOverWhileFuzzing(int replicasToAck) throws InterruptedException {
        String prefix = RedisConnections.uniquePrefix(RedisLockStoreSentinelTests.class);
        List<LettuceConnectionFactory> factories = new ArrayList<>();
        List<RedisLockStore> stores = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            LettuceConnectionFactory factory =
                    RedisConnections.toSentinel(sentinel.configuration(), resources, COMMAND_TIMEOUT);
            factories.add(factory);
            stores.add(RedisLockStore.builder(factory)
                    .prefix(prefix)
                    .replicasToAck(replicasToAck)
                    .ackTimeout(Duration.ofMillis(300))
                    .build());
        }
        String namespace = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        try (FailoverFuzz fuzz = new FailoverFuzz(namespace, stores.subList(0, 3), stores.get(3))) {
            fuzz.awaitThat("a hundred grants before the failover", () -> fuzz.grants() >= 100);
            sentinel.cutOffReplica();
            fuzz.startLateHolder();
            long grantsAtCutOff = fuzz.grants();
            fuzz.awaitThat(
                    "the late holder granted, or its grant given back twice, while the replica is cut off",
                    () -> fuzz.lateHolds() || fuzz.lateUnreplicated() >= 2);
            long grantsWhileCutOff = fuzz.grants() - grantsAtCutOff;
            long killedAt = System.nanoTime();
            sentinel.killPrimaryAndFailOver();
            long failover = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            long grantsBefore = fuzz.grants();
            long heldAttemptsBefore = fuzz.heldAttempts();
            fuzz.awaitThat(
                    "the late holder's grant, a hundred grants and twenty tries of its lock after the failover",
                    () -> fuzz.lateHolds()
                            && fuzz.grants() >= grantsBefore + 100
                            && fuzz.heldAttempts() >= heldAttemptsBefore + 20);
            FailoverFuzz.Outcome outcome = fuzz.finish();
            System.out.printf(
                    "Failover with replicasToAck=%d: replica promoted and a new replica in sync %d ms after the kill;"
                            + " while the replica was cut off %d grants were made and %d given back; most holders at"
                            + " once %s; late holder kept its lock: %s%n",
                    replicasToAck,
                    failover,
                    grantsWhileCutOff,
                    fuzz.unreplicated(),
                    outcome.mostHolders(),
                    outcome.lateHolderKept());
            return outcome;
        } finally {
            stores.forEach(RedisLockStore::close);
            factories.forEach(LettuceConnectionFactory::destroy);
        }
    }

    private static void assertGrowingTokens(FailoverFuzz.Outcome outcome) {
        outcome.tokens().forEach((id, tokens) -> {
            assertThat(tokens).as("tokens of lock %s", id).isNotEmpty();
            for (int i = 1; i < tokens.size(); i++) {
                assertThat(tokens.get(i))
                        .as("token %d of lock %s, granted after %d", i, id, tokens.get(i - 1))
                        .isGreaterThan(tokens.get(i - 1));
            }
        });
    }
}

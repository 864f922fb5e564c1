package dev.holdfast.lock.redis;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;

/**
 * A primary with one replica and three Sentinels of the test's own, from the machine's {@code redis-server}, on free
 * ports of 127.0.0.1 without persistence: Sentinel declares the primary down after three seconds without an answer
 * and fails over to the replica. Start it once per test class and close it in {@code @AfterAll};
 * {@link RedisServerProcess}'s shutdown hook kills what a crashed run leaves.
 */
final class RedisSentinelProcesses implements AutoCloseable {

    static final String MASTER = "mymaster";

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path directory;

    private final RedisClient client = RedisClient.create();

    private final List<RedisServerProcess> sentinels = new ArrayList<>();

    private final List<StatefulRedisSentinelConnection<String, String>> toSentinels = new ArrayList<>();

    private RedisServerProcess primary;

    private RedisServerProcess replica;

    private RedisSentinelProcesses(Path directory) {
        this.directory = directory;
    }

    /**
     * Start the primary, its replica and three Sentinels, and wait until every Sentinel knows both and the other two.
     *
     * @return the running processes
     */
    static RedisSentinelProcesses start() {
        RedisSentinelProcesses processes;
        try {
            processes = new RedisSentinelProcesses(Files.createTempDirectory("holdfast-sentinel-"));
        } catch (IOException ex) {
            throw new UncheckedIOException("No temporary directory for the Sentinels' files", ex);
        }
        try {
            processes.startAll();
            return processes;
        } catch (RuntimeException | Error ex) {
            processes.close();
            throw ex;
        }
    }

    /** Return what Spring Data Redis needs to find the primary through the Sentinels. */
    RedisSentinelConfiguration configuration() {
        RedisSentinelConfiguration configuration = new RedisSentinelConfiguration().master(MASTER);
        sentinels.forEach((sentinel) -> configuration.sentinel("127.0.0.1", sentinel.port()));
        return configuration;
    }

    RedisServerProcess primary() {
        return primary;
    }

    /**
     * Cut the replica off, as a network partition between the two would: the primary refuses {@code PSYNC} from now
     * on and drops the replica's link, so nothing written from now on reaches the replica, which keeps answering
     * Sentinel and stays the one to promote. (Freezing the replica instead would have Sentinel find the promoted
     * replica down at once and fail over again.)
     */
    void cutOffReplica() {
        try (StatefulRedisConnection<String, String> connection = connect(primary.port())) {
            connection
                    .sync()
                    .dispatch(
                            CommandType.ACL,
                            new StatusOutput<>(StringCodec.UTF8),
                            new CommandArgs<>(StringCodec.UTF8)
                                    .add("SETUSER")
                                    .add("default")
                                    .add("-psync")
                                    .add("-sync"));
            connection.sync().clientKill(KillArgs.Builder.typeSlave());
        }
    }

    /**
     * Kill the primary (SIGKILL), wait until every Sentinel names the replica as the primary and it acts as one, then
     * start the old primary's port afresh as the new primary's replica and wait until all is healthy again.
     */
    void killPrimaryAndFailOver() {
        RedisServerProcess old = primary;
        RedisServerProcess promoted = replica;
        old.kill();
        await("Sentinel to promote the replica on port " + promoted.port())
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> allSentinels((sentinel) ->
                                ((InetSocketAddress) sentinel.getMasterAddrByName(MASTER)).getPort() == promoted.port())
                        && info(promoted.port()).contains("role:master"));
        primary = promoted;
        replica = new RedisServerProcess(
                old.port(), null, List.of("--replicaof", "127.0.0.1", Integer.toString(promoted.port())));
        old.close();
        awaitHealthy();
    }

    @Override
    public void close() {
        for (StatefulRedisSentinelConnection<String, String> connection : toSentinels) {
            connection.close();
        }
        client.shutdown();
        List<RedisServerProcess> all = new ArrayList<>(sentinels);
        all.add(replica);
        all.add(primary);
        for (RedisServerProcess process : all) {
            if (process != null) {
                try {
                    process.close();
                } catch (RuntimeException ex) {
                    process.kill();
                }
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ex) {
            // A leftover temporary directory does no harm.
        }
    }

    private void startAll() {
        primary = new RedisServerProcess();
        replica = new RedisServerProcess(
                RedisConnections.freePort(),
                null,
                List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        for (int i = 0; i < 3; i++) {
            int port = RedisConnections.freePort();
            Path config = directory.resolve("sentinel-" + port + ".conf");
            try {
                Files.writeString(
                        config,
                        String.join(
                                "\n",
                                "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 2",
                                // Not less: on two loaded cores a just-promoted primary has been seen to miss a
                                // second of pings, and the Sentinels then failed over once more, back to the
                                // restarted old primary.
                                "sentinel down-after-milliseconds " + MASTER + " 3000",
                                "sentinel failover-timeout " + MASTER + " 5000",
                                "sentinel parallel-syncs " + MASTER + " 1",
                                ""));
            } catch (IOException ex) {
                throw new UncheckedIOException("Sentinel configuration " + config + " could not be written", ex);
            }
            sentinels.add(new RedisServerProcess(port, config, List.of("--sentinel")));
            toSentinels.add(client.connectSentinel(RedisURI.create("127.0.0.1", port)));
        }
        awaitHealthy();
    }

    /** Wait until every Sentinel names the primary, sees the replica in sync and knows the two other Sentinels. */
    private void awaitHealthy() {
        try {
            awaitHealthyWithin();
        } catch (ConditionTimeoutException ex) {
            throw new IllegalStateException(ex.getMessage() + "; the Sentinels see " + describe(), ex);
        }
    }

    private String describe() {
        StringBuilder seen = new StringBuilder();
        for (StatefulRedisSentinelConnection<String, String> connection : toSentinels) {
            try {
                seen.append("\n  master ")
                        .append(connection.sync().master(MASTER))
                        .append("\n  replicas ")
                        .append(connection.sync().replicas(MASTER));
            } catch (RuntimeException ex) {
                seen.append("\n  (no answer: ").append(ex.getMessage()).append(")");
            }
        }
        return seen.toString();
    }

    private void awaitHealthyWithin() {
        await("the replica on port " + replica.port() + " in sync with the primary on port " + primary.port()
                        + ", and every Sentinel seeing both and each other")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> info(replica.port()).contains("master_link_status:up") && allSentinels(this::healthy));
    }

    private boolean healthy(RedisSentinelCommands<String, String> sentinel) {
        Map<String, String> master = sentinel.master(MASTER);
        return master.get("port").equals(Integer.toString(primary.port()))
                && master.get("flags").equals("master")
                && master.get("num-other-sentinels").equals("2")
                && sentinel.replicas(MASTER).stream()
                        .anyMatch((known) -> known.get("port").equals(Integer.toString(replica.port()))
                                && known.get("flags").equals("slave")
                                && known.get("master-link-status").equals("ok"));
    }

    private boolean allSentinels(Function<RedisSentinelCommands<String, String>, Boolean> check) {
        return toSentinels.stream().allMatch((connection) -> check.apply(connection.sync()));
    }

    private String info(int port) {
        try (StatefulRedisConnection<String, String> connection = connect(port)) {
            return connection.sync().info("replication");
        }
    }

    private StatefulRedisConnection<String, String> connect(int port) {
        RedisURI uri = RedisURI.create("127.0.0.1", port);
        uri.setTimeout(Duration.ofSeconds(2));
        return client.connect(uri);
    }
}

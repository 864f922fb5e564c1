package dev.holdfast.lock.redis;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis Cluster of the test's own, from the machine's {@code redis-server}: three primaries and three replicas on
 * free ports of 127.0.0.1, without persistence, joined by {@code redis-cli --cluster create}. Start it once per test
 * class and close it in {@code @AfterAll}; {@link RedisServerProcess}'s shutdown hook kills what a crashed run leaves.
 */
final class RedisClusterProcesses implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path directory;

    private final List<RedisServerProcess> nodes = new ArrayList<>();

    private RedisClusterProcesses(Path directory) {
        this.directory = directory;
    }

    /**
     * Start six nodes, create the cluster and wait until every node says {@code cluster_state:ok}, knows all six
     * and every replica is in sync with its primary.
     *
     * @return the running cluster
     */
    static RedisClusterProcesses start() {
        RedisClusterProcesses cluster;
        try {
            cluster = new RedisClusterProcesses(Files.createTempDirectory("holdfast-cluster-"));
        } catch (IOException ex) {
            throw new UncheckedIOException("No temporary directory for the cluster's node files", ex);
        }
        try {
            cluster.create();
            return cluster;
        } catch (RuntimeException | Error ex) {
            cluster.close();
            throw ex;
        }
    }

    /** Return the ports of all six nodes. */
    List<Integer> ports() {
        return nodes.stream().map(RedisServerProcess::port).toList();
    }

    @Override
    public void close() {
        for (RedisServerProcess node : nodes) {
            try {
                node.close();
            } catch (RuntimeException ex) {
                node.kill();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        } catch (IOException ex) {
            // A leftover temporary directory does no harm.
        }
    }

    private void create() {
        for (int i = 0; i < 6; i++) {
            int port = RedisConnections.freeClusterPort();
            nodes.add(new RedisServerProcess(
                    port,
                    null,
                    List.of(
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            directory.resolve("nodes-" + port + ".conf").toString(),
                            "--cluster-node-timeout",
                            "5000")));
        }
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports().forEach((port) -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(command);
        RedisClient client = RedisClient.create();
        try {
            for (int port : ports()) {
                try (StatefulRedisConnection<String, String> node =
                        client.connect(RedisURI.create("127.0.0.1", port))) {
                    await("node " + port + " in a healthy cluster of three primaries and three replicas, in sync")
                            .atMost(PATIENCE)
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> healthy(
                                    node.sync().clusterInfo(),
                                    node.sync().clusterNodes(),
                                    node.sync().info("replication")));
                }
            }
        } finally {
            client.shutdown();
        }
    }

    /** Return whether a node says the cluster is ok, sees three primaries and three replicas, and is in sync. */
    private static boolean healthy(String clusterInfo, String clusterNodes, String replication) {
        boolean replicaInSync = !replication.contains("role:slave") || replication.contains("master_link_status:up");
        List<String> roles = clusterNodes
                .lines()
                .map((line) -> line.split(" ")[2].replace("myself,", ""))
                .toList();
        return clusterInfo.contains("cluster_state:ok")
                && clusterInfo.contains("cluster_known_nodes:6")
                && clusterInfo.contains("cluster_slots_ok:16384")
                && roles.stream().filter("master"::equals).count() == 3
                && roles.stream().filter("slave"::equals).count() == 3
                && replicaInSync;
    }

    private void run(List<String> command) {
        Path log = directory.resolve("create.log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + Files.readString(log));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("redis-cli could not be run (is it on the PATH?)", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the cluster", ex);
        }
    }
}

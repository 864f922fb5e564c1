package dev.holdfast.lock.benchmarks.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import dev.holdfast.lock.benchmarks.jdbc.BenchmarkDatabase;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs the {@code server} suite: for Redis and then PostgreSQL, starts the lock server's jar ({@code
 * holdfast.server.jar}, default {@code lock-server/target/lock-server.jar}) as a child process with that store,
 * measures it over HTTP ({@link ServerLoad}) beside the store's own acquire round trip, stops it by its pid, and writes
 * the tables as the {@code server} section of the Markdown file.
 */
public final class SuiteMain {

    static final int[] CLIENTS = {1, 8, 64};

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code server}, the Markdown file
     * @throws Exception when the server or a store fails or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"server".equals(args[0])) {
            throw new IllegalArgumentException("Usage: SuiteMain server <markdown-file>; was " + Arrays.toString(args));
        }
        Path jar = Path.of(System.getProperty("holdfast.server.jar", "lock-server/target/lock-server.jar"));
        String run = "srv" + Long.toString(System.currentTimeMillis(), 36);
        URI redis = URI.create(System.getenv().getOrDefault("HOLDFAST_BENCH_REDIS_URL", "redis://127.0.0.1:6379"));
        List<StoreRun> runs = new ArrayList<>();

        double load = Cpu.loadAverage();
        LettuceConnectionFactory factory = BenchmarkRedis.factory();
        try (RedisLockStore store = new RedisLockStore(factory, "holdfast-" + run + ":");
                ServerProcess server = ServerProcess.start(
                        jar,
                        "redis",
                        List.of(
                                "--spring.data.redis.host=" + redis.getHost(),
                                "--spring.data.redis.port=" + ((redis.getPort() != -1) ? redis.getPort() : 6379)))) {
            runs.add(measure("Redis", server, store, run, load, 1200, 5000, 5));
        } finally {
            factory.destroy();
        }

        load = Cpu.loadAverage();
        BenchmarkDatabase.prepare();
        try (HikariDataSource pool = BenchmarkDatabase.pool("holdfast-server-direct");
                JdbcLockStore store = new JdbcLockStore(pool, false, Duration.ofSeconds(1));
                ServerProcess server = ServerProcess.start(jar, "postgres", List.of())) {
            runs.add(measure("PostgreSQL", server, store, run, load, 600, 2000, 10));
        }

        String section = ServerTable.markdown(
                runs,
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Cpu.loadAverage());
        System.out.println();
        System.out.println(section);
        BenchmarkDocument.writeSection(Path.of(args[1]), "server", section);
        System.out.printf(Locale.ROOT, "Wrote the server section of %s%n", args[1]);
    }

    private static StoreRun measure(
            String name,
            ServerProcess server,
            LockStore store,
            String run,
            double load,
            double oneClient,
            double manyClients,
            double handoffTarget)
            throws Exception {
        log(name, "server pid %d at %s, load average %.1f", server.pid(), server.base(), load);
        ServerLoad load0 = new ServerLoad(server, run);
        Percentiles basic = load0.serverAcquire(true, ServerLoad.BASIC_SAMPLING);
        log(
                name,
                "acquire with HTTP Basic p50/p99 %.2f/%.2f ms (%d samples)",
                basic.p50(),
                basic.p99(),
                basic.samples());
        Percentiles viaServer = load0.serverAcquire(false, ServerLoad.SAMPLING);
        Percentiles direct;
        try (LockTemplate template = LockTemplate.of(store)) {
            direct = ServerLoad.storeAcquire(template, run);
        }
        log(
                name,
                "acquire p50/p99: server %.2f/%.2f ms, store %.2f/%.2f ms",
                viaServer.p50(),
                viaServer.p99(),
                direct.p50(),
                direct.p99());
        List<ServerLoad.Throughput> cycles = new ArrayList<>();
        for (int clients : CLIENTS) {
            ServerLoad.Throughput row = load0.cycles(clients);
            log(
                    name,
                    "%d clients: %.0f cycles/s (server %.2f, client %.2f CPU ms/cycle, load %.1f)",
                    clients,
                    row.perSecond(),
                    row.serverCpuMs(),
                    row.clientCpuMs(),
                    row.load());
            cycles.add(row);
        }
        Percentiles handoff = load0.handoff();
        log(name, "hand-off p50/p99 %.2f/%.2f ms over %d rounds", handoff.p50(), handoff.p99(), handoff.samples());
        ServerLoad.Memory memory = load0.waiting();
        log(
                name,
                "%d waiters: heap %.1f KiB, RSS %.1f KiB per waiter",
                memory.waiters(),
                memory.heapPerWaiter() / 1024,
                memory.rssPerWaiter() / 1024);
        return new StoreRun(
                name, cycles, viaServer, basic, direct, handoff, memory, oneClient, manyClients, handoffTarget, load);
    }

    static void log(String store, String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", store, String.format(Locale.ROOT, format, args));
    }
}

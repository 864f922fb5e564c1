package dev.holdfast.lock.benchmarks.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one uncontended acquire + release cycle costs Redis and the client, per contender: Redis's CPU time
 * ({@code INFO cpu}, {@code used_cpu_user} + {@code used_cpu_sys}), the time Redis spent inside the commands
 * ({@code INFO commandstats}, {@code usec} per call, without reading and writing the sockets) and the JVM's CPU time,
 * each over N cycles on distinct keys, divided by N. Run it against a Redis no one else uses
 * ({@code HOLDFAST_BENCH_REDIS_URL}, a private {@code redis-server} on a free port): the counters are the server's.
 *
 * <p>Arguments: threads, cycles per round, rounds, then the contenders' method names (default {@code holdfast
 * shedlock}); the contenders alternate within each round so that drift on a shared machine hits them alike.
 */
public final class CpuPerCycle {

    private CpuPerCycle() {}

    /**
     * Measure.
     *
     * @param args threads, cycles, rounds, contender names
     * @throws Exception when a contender fails
     */
    public static void main(String[] args) throws Exception {
        int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
        int cycles = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
        int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
        List<Contender> contenders = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            contenders.add(byMethod(args[i]));
        }
        if (contenders.isEmpty()) {
            contenders = List.of(Contender.HOLDFAST, Contender.SHEDLOCK);
        }
        String url = System.getenv().getOrDefault("HOLDFAST_BENCH_REDIS_URL", "redis://127.0.0.1:6379");
        RedisClient client = RedisClient.create(RedisURI.create(url));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (int round = 1; round <= rounds; round++) {
                for (Contender contender : contenders) {
                    measure(redis, contender, threads, cycles, round);
                }
            }
        } finally {
            client.shutdown();
        }
    }

    private static void measure(
            RedisCommands<String, String> redis, Contender contender, int threads, int cycles, int round)
            throws Exception {
        try (RedisContender library = contender.open()) {
            run(library, threads, cycles / 5, "warm");
            redis.configResetstat();
            double cpuBefore = cpuSeconds(redis);
            long jvmBefore = jvmCpuNanos();
            long start = System.nanoTime();
            run(library, threads, cycles, "c" + round);
            long elapsed = System.nanoTime() - start;
            long jvm = jvmCpuNanos() - jvmBefore;
            double cpu = cpuSeconds(redis) - cpuBefore;
            Map<String, String> stats = section(redis.info("commandstats"));
            StringBuilder commands = new StringBuilder();
            long commandMicros = 0;
            for (Map.Entry<String, String> stat : stats.entrySet()) {
                long calls = field(stat.getValue(), "calls");
                long usec = field(stat.getValue(), "usec");
                if (stat.getKey().equals("cmdstat_config") || stat.getKey().equals("cmdstat_info")) {
                    continue;
                }
                commandMicros += usec;
                commands.append(String.format(
                        Locale.ROOT,
                        " %s %.2f/cycle %.2f µs/call;",
                        stat.getKey().substring("cmdstat_".length()),
                        calls / (double) cycles,
                        usec / (double) Math.max(1, calls)));
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d %-24s %d threads %,d cycles: %,.0f cycles/s, Redis CPU %.1f µs/cycle (in commands %.1f),"
                            + " JVM CPU %.1f µs/cycle;%s%n",
                    round,
                    contender.method(),
                    threads,
                    cycles,
                    cycles / (elapsed / 1e9),
                    cpu * 1e6 / cycles,
                    commandMicros / (double) cycles,
                    jvm / 1e3 / cycles,
                    commands);
        }
    }

    private static void run(RedisContender library, int threads, int cycles, String prefix) throws Exception {
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int each = cycles / threads;
        for (int t = 0; t < threads; t++) {
            String key = "cpu-" + prefix + "-" + t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        library.cycle(key);
                    }
                } catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("A cycle failed", failure.get());
        }
    }

    private static double cpuSeconds(RedisCommands<String, String> redis) {
        Map<String, String> cpu = section(redis.info("cpu"));
        return Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys"));
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, String> section(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static long field(String value, String name) {
        for (String part : value.split(",")) {
            if (part.startsWith(name + "=")) {
                return Math.round(Double.parseDouble(part.substring(name.length() + 1)));
            }
        }
        return 0;
    }

    private static Contender byMethod(String method) {
        for (Contender contender : Contender.values()) {
            if (contender.method().equals(method)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("Unknown contender [" + method + "]");
    }
}

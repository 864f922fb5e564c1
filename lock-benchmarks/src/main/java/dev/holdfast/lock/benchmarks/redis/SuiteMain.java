package dev.holdfast.lock.benchmarks.redis;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import dev.holdfast.lock.benchmarks.HandoffLatency;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the {@code redis} suite: scenarios (a) to (c) in one JMH run (defaults: one fork, 3 warmup iterations of 2 s, 5
 * measurement iterations of 3 s; JMH options override them), then scenario (d) with {@link HandoffLatency} for each
 * contender, prints the table and writes it as the {@code redis} section of the Markdown file.
 *
 * <p>Arguments: {@code redis}, the Markdown file, then JMH options. System properties: {@code holdfast.machine},
 * {@code holdfast.cores}, {@code holdfast.handoffs} (hand-offs kept per contender, default 1000), {@code holdfast.jmh}
 * ({@code false} measures the hand-offs only and writes nothing).
 */
public final class SuiteMain {

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code redis}, the Markdown file, then JMH options
     * @throws Exception when JMH or a contender fails, or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"redis".equals(args[0])) {
            throw new IllegalArgumentException(
                    "Usage: SuiteMain redis <markdown-file> [jmh options]; was " + Arrays.toString(args));
        }
        Path document = Path.of(args[1]);
        CommandLineOptions overrides = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Options options = new OptionsBuilder()
                .parent(overrides)
                .include("dev\\.holdfast\\.lock\\.benchmarks\\.redis\\..*")
                .forks(overrides.getForkCount().orElse(1))
                .warmupIterations(overrides.getWarmupIterations().orElse(3))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(5))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(3)))
                .build();
        boolean jmh = Boolean.parseBoolean(System.getProperty("holdfast.jmh", "true"));
        Collection<RunResult> results = jmh ? new Runner(options).run() : List.of();
        int rounds = Integer.getInteger("holdfast.handoffs", 1000);
        Map<Contender, HandoffLatency.Latencies> latencies = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            HandoffLatency.Latencies latency =
                    HandoffLatency.measure(contender.method(), contender::open, rounds, Duration.ofSeconds(10));
            System.out.printf(
                    Locale.ROOT,
                    "hand-off %-24s %5d samples  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
                    contender.method(),
                    latency.samples(),
                    latency.p50(),
                    latency.p99(),
                    latency.max());
            latencies.put(contender, latency);
        }
        String settings = String.format(
                Locale.ROOT,
                "JMH: %d fork, %d × %s warmup, %d × %s measurement; hand-offs: up to %d per contender (10 s cap)",
                options.getForkCount().orElse(1),
                options.getWarmupIterations().orElse(3),
                options.getWarmupTime().orElse(TimeValue.seconds(2)),
                options.getMeasurementIterations().orElse(5),
                options.getMeasurementTime().orElse(TimeValue.seconds(3)),
                rounds);
        String section = RedisReport.of(results, latencies)
                .markdown(
                        LocalDate.now(),
                        System.getProperty("holdfast.machine", "unknown"),
                        System.getProperty(
                                "holdfast.cores",
                                String.valueOf(Runtime.getRuntime().availableProcessors())),
                        System.getProperty("java.vm.name") + " " + Runtime.version(),
                        settings);
        System.out.println();
        System.out.println(section);
        if (jmh) {
            BenchmarkDocument.writeSection(document, "redis", section);
            System.out.printf(Locale.ROOT, "Wrote the redis section of %s%n", document);
        }
    }
}

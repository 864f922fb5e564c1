package dev.holdfast.lock.benchmarks.notify;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the {@code notify} suite ({@link PublishToWakeup}, defaults: one fork, 2 warmup iterations of 2 s, 3
 * measurement iterations of 5 s; JMH options override them) and writes its table (throughput, p50, p99 per path) as
 * the {@code notify} section of the Markdown file.
 */
public final class SuiteMain {

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code notify}, the Markdown file, then JMH options
     * @throws Exception when JMH fails or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"notify".equals(args[0])) {
            throw new IllegalArgumentException(
                    "Usage: SuiteMain notify <markdown-file> [jmh options]; was " + Arrays.toString(args));
        }
        CommandLineOptions overrides = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Options options = new OptionsBuilder()
                .parent(overrides)
                .include("dev\\.holdfast\\.lock\\.benchmarks\\.notify\\..*")
                .forks(overrides.getForkCount().orElse(1))
                .warmupIterations(overrides.getWarmupIterations().orElse(2))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(3))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(5)))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> rows = new TreeMap<>();
        for (RunResult result : results) {
            String[] parts = result.getParams().getBenchmark().split("\\.");
            double[] row = rows.computeIfAbsent(parts[parts.length - 1], (name) -> new double[4]);
            Result<?> primary = result.getPrimaryResult();
            if (result.getParams().getMode() == Mode.Throughput) {
                row[0] = primary.getScore() * 1_000_000;
                row[1] = primary.getScoreError() * 1_000_000;
            } else {
                row[2] = primary.getStatistics().getPercentile(50);
                row[3] = primary.getStatistics().getPercentile(99);
            }
        }
        double[] holdfast = rows.get("holdfastSubscription");
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run on %s · machine: %s, %s cores · JDK: %s · `lock-benchmarks/run.sh notify` · JMH: %d fork,"
                        + " %d × %s warmup, %d × %s measurement · one message in flight\n\n",
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                options.getForkCount().orElse(1),
                options.getWarmupIterations().orElse(2),
                options.getWarmupTime().orElse(TimeValue.seconds(2)),
                options.getMeasurementIterations().orElse(3),
                options.getMeasurementTime().orElse(TimeValue.seconds(5))));
        out.append("| path | publish → wake-up /s | p50, µs | p99, µs | its p50 ÷ subscription's |"
                + " subscription's throughput ÷ its |\n|---|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, row) -> out.append(String.format(
                Locale.ROOT,
                "| %s | %,.0f ± %,.0f | %.1f | %.1f | %.2f× | %.2f× |\n",
                name,
                row[0],
                row[1],
                row[2],
                row[3],
                (holdfast == null) ? Double.NaN : row[2] / holdfast[2],
                (holdfast == null) ? Double.NaN : holdfast[0] / row[0])));
        String section = out.toString();
        System.out.println();
        System.out.println(section);
        BenchmarkDocument.writeSection(Path.of(args[1]), "notify", section);
        System.out.printf(Locale.ROOT, "Wrote the notify section of %s%n", args[1]);
    }
}

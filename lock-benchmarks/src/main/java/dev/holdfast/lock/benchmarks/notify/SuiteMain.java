package dev.holdfast.lock.benchmarks.notify;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

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
                .warmupIterations(overrides.getWarmupIterations().orElse(1))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(3))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(3)))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, List<double[]>> rounds = new TreeMap<>();
        for (RunResult result : results) {
            String[] parts = result.getParams().getBenchmark().split("\\.");
            Statistics statistics = result.getPrimaryResult().getStatistics();
            rounds.computeIfAbsent(parts[parts.length - 1], (name) -> new ArrayList<>())
                    .add(new double[] {statistics.getPercentile(50), statistics.getPercentile(99), statistics.getMean()
                    });
        }
        Map<String, double[]> rows = new TreeMap<>();
        rounds.forEach((name, list) ->
                rows.put(name, new double[] {median(list, 0), median(list, 1), median(list, 2), list.size()}));
        double[] holdfast = rows.get("holdfastSubscription");
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run on %s · machine: %s, %s cores · JDK: %s · `lock-benchmarks/run.sh notify` · JMH sample time: %d"
                        + " fork, %d × %s warmup, %d × %s measurement per round · one message in flight · each cell"
                        + " the median of the rounds\n\n",
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                options.getForkCount().orElse(1),
                options.getWarmupIterations().orElse(1),
                options.getWarmupTime().orElse(TimeValue.seconds(2)),
                options.getMeasurementIterations().orElse(3),
                options.getMeasurementTime().orElse(TimeValue.seconds(3))));
        out.append("| path | rounds | p50, µs | p99, µs | mean, µs | publish → wake-up /s (1 ÷ mean) |"
                + " its p50 ÷ subscription's | its p99 ÷ subscription's |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, row) -> out.append(String.format(
                Locale.ROOT,
                "| %s | %.0f | %.1f | %.1f | %.1f | %,.0f | %.2f× | %.2f× |\n",
                name,
                row[3],
                row[0],
                row[1],
                row[2],
                1_000_000 / row[2],
                (holdfast == null) ? Double.NaN : row[0] / holdfast[0],
                (holdfast == null) ? Double.NaN : row[1] / holdfast[1])));
        String section = out.toString();
        System.out.println();
        System.out.println(section);
        BenchmarkDocument.writeSection(Path.of(args[1]), "notify", section);
        System.out.printf(Locale.ROOT, "Wrote the notify section of %s%n", args[1]);
    }

    private static double median(List<double[]> rounds, int index) {
        double[] values =
                rounds.stream().mapToDouble((round) -> round[index]).sorted().toArray();
        int middle = values.length / 2;
        return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

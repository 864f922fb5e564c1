package dev.holdfast.lock.benchmarks.semaphore;

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
 * Runs the {@code semaphore} suite: the JMH benchmarks of the package in one run (defaults: one fork, 2 warmup
 * iterations of 2 s, 3 measurement iterations of 5 s; JMH options override them), then the hand-off latency of a
 * permit for each contender, and writes the table as the {@code semaphore} section of the Markdown file.
 *
 * <p>The hand-off runs on a semaphore of three permits of which a third client holds two, so two clients pass the last
 * permit back and forth ({@link HandoffLatency}). System properties: {@code holdfast.machine}, {@code holdfast.cores},
 * {@code holdfast.handoffs} (hand-offs kept per contender, default 1000), {@code holdfast.jmh} ({@code false} measures
 * the hand-offs only and writes nothing).
 */
public final class SuiteMain {

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code semaphore}, the Markdown file, then JMH options
     * @throws Exception when JMH or a contender fails, or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"semaphore".equals(args[0])) {
            throw new IllegalArgumentException(
                    "Usage: SuiteMain semaphore <markdown-file> [jmh options]; was " + Arrays.toString(args));
        }
        Path document = Path.of(args[1]);
        CommandLineOptions overrides = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Options options = new OptionsBuilder()
                .parent(overrides)
                .include("dev\\.holdfast\\.lock\\.benchmarks\\.semaphore\\..*")
                .forks(overrides.getForkCount().orElse(1))
                .warmupIterations(overrides.getWarmupIterations().orElse(2))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(3))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(5)))
                .build();
        boolean jmh = Boolean.parseBoolean(System.getProperty("holdfast.jmh", "true"));
        Collection<RunResult> results = jmh ? new Runner(options).run() : List.of();
        int rounds = Integer.getInteger("holdfast.handoffs", 1000);
        Map<Contender, HandoffLatency.Latencies> latencies = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            HandoffLatency.Latencies latency;
            try (SemaphoreContender filler = contender.open()) {
                SemaphoreContender.Held two =
                        filler.acquire("handoff-" + contender.method(), SemaphoreContender.SIZE - 1);
                try {
                    latency =
                            HandoffLatency.measure(contender.method(), contender::open, rounds, Duration.ofSeconds(10));
                } finally {
                    try {
                        two.release();
                    } catch (RuntimeException ex) {
                        // The hand-off's clients deleted the semaphore when they closed: its permits are gone anyway.
                        System.out.printf(
                                Locale.ROOT,
                                "hand-off %s: filler's permits already gone (%s)%n",
                                contender.method(),
                                ex.getMessage());
                    }
                }
            }
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
                options.getWarmupIterations().orElse(2),
                options.getWarmupTime().orElse(TimeValue.seconds(2)),
                options.getMeasurementIterations().orElse(3),
                options.getMeasurementTime().orElse(TimeValue.seconds(5)),
                rounds);
        String section = SemaphoreReport.of(results, latencies)
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
            BenchmarkDocument.writeSection(document, "semaphore", section);
            System.out.printf(Locale.ROOT, "Wrote the semaphore section of %s%n", document);
        }
    }
}

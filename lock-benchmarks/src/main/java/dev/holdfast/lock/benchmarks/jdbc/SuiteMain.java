package dev.holdfast.lock.benchmarks.jdbc;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import dev.holdfast.lock.benchmarks.HandoffLatency;
import dev.holdfast.lock.benchmarks.SuiteRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the {@code jdbc} suite: the JMH benchmarks (as {@link SuiteRunner} does, writing the {@code jdbc} section),
 * then the hand-off latency of each {@link Waiter} with {@link HandoffLatency}, written as the {@code jdbc-handoff}
 * section.
 *
 * <p>Arguments: {@code jdbc}, the Markdown file, then JMH options. System properties: {@code holdfast.machine},
 * {@code holdfast.cores}, {@code holdfast.handoffs} (hand-offs kept per contender, default 300), {@code holdfast.jmh}
 * ({@code false} measures the hand-offs only and writes nothing).
 */
public final class SuiteMain {

    private static final Duration BUDGET = Duration.ofSeconds(20);

    /** The document section of the database's table: {@code jdbc} (PostgreSQL) or {@code jdbc-mariadb}. */
    private static final String SECTION = BenchmarkDatabase.MARIADB ? "jdbc-mariadb" : "jdbc";

    private static final String COMMAND = BenchmarkDatabase.MARIADB
            ? "HOLDFAST_BENCH_DATABASE=mariadb lock-benchmarks/run.sh jdbc"
            : "lock-benchmarks/run.sh jdbc";

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code jdbc}, the Markdown file, then JMH options
     * @throws Exception when JMH or a contender fails, or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"jdbc".equals(args[0])) {
            throw new IllegalArgumentException(
                    "Usage: SuiteMain jdbc <markdown-file> [jmh options]; was " + Arrays.toString(args));
        }
        Path document = Path.of(args[1]);
        boolean jmh = Boolean.parseBoolean(System.getProperty("holdfast.jmh", "true"));
        if (jmh) {
            SuiteRunner.run("jdbc", SECTION, COMMAND, document, Arrays.copyOfRange(args, 2, args.length));
        }
        BenchmarkDatabase.prepare();
        int rounds = Integer.getInteger("holdfast.handoffs", 300);
        List<HandoffLatency.Latencies> latencies = new ArrayList<>();
        for (Waiter waiter : Waiter.values()) {
            HandoffLatency.Latencies latency = HandoffLatency.measure(waiter.method(), waiter::open, rounds, BUDGET);
            System.out.printf(
                    Locale.ROOT,
                    "hand-off %-18s %5d samples  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
                    waiter.method(),
                    latency.samples(),
                    latency.p50(),
                    latency.p99(),
                    latency.max());
            latencies.add(latency);
        }
        String section = markdown(latencies, rounds);
        System.out.println();
        System.out.println(section);
        if (jmh) {
            BenchmarkDocument.writeSection(document, SECTION + "-handoff", section);
            System.out.printf(Locale.ROOT, "Wrote the %s-handoff section of %s%n", SECTION, document);
        }
    }

    private static String markdown(List<HandoffLatency.Latencies> latencies, int rounds) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "Run on %s · machine: %s, %s cores · JDK: %s · `%s` on %s · two clients (own"
                        + " pools) pass one lock back and forth; up to %d hand-offs per contender (%d s cap) ·"
                        + " latency from the start of the release to the return of the waiter's acquire, lower is"
                        + " better%n%n",
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                COMMAND,
                BenchmarkDatabase.name(),
                rounds,
                BUDGET.toSeconds()));
        text.append("| contender | hand-offs | p50, ms | p99, ms | max, ms | its p50 ÷ holdfast's |\n");
        text.append("|---|---:|---:|---:|---:|---:|\n");
        double holdfast = latencies.get(0).p50();
        for (HandoffLatency.Latencies latency : latencies) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f× |%n",
                    latency.name(),
                    latency.samples(),
                    latency.p50(),
                    latency.p99(),
                    latency.max(),
                    latency.p50() / holdfast));
        }
        return text.toString();
    }
}

package dev.holdfast.lock.benchmarks.mailbox;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the {@code mailbox} suite: the stores' round-trip floors, the JMH benchmarks of the package in one run
 * (defaults: one fork, 3 warmup iterations of 2 s, 3 measurement iterations of 3 s; JMH options override them), the
 * round trips per call of each contender, then the open-loop latency of each at a fixed rate; writes the tables as the
 * {@code mailbox} section of the Markdown file, with the load average seen during the run.
 *
 * <p>System properties: {@code holdfast.machine}, {@code holdfast.cores}, {@code holdfast.rate} (calls/s offered in
 * the latency rows, default 500), {@code holdfast.latency.seconds} (measured seconds per contender, default 10),
 * {@code holdfast.roundtrip.calls} (calls per counted shape, default 800), {@code holdfast.jmh} ({@code false} skips
 * the JMH benchmarks and writes nothing).
 */
public final class SuiteMain {

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code mailbox}, the Markdown file, then JMH options
     * @throws Exception when JMH or a contender fails, or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"mailbox".equals(args[0])) {
            throw new IllegalArgumentException(
                    "Usage: SuiteMain mailbox <markdown-file> [jmh options]; was " + Arrays.toString(args));
        }
        Path document = Path.of(args[1]);
        CommandLineOptions overrides = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Options options = new OptionsBuilder()
                .parent(overrides)
                .include("dev\\.holdfast\\.lock\\.benchmarks\\.mailbox\\..*")
                .forks(overrides.getForkCount().orElse(1))
                .warmupIterations(overrides.getWarmupIterations().orElse(3))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(3))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(3)))
                .build();
        boolean jmh = Boolean.parseBoolean(System.getProperty("holdfast.jmh", "true"));
        int rate = Integer.getInteger("holdfast.rate", 500);
        int seconds = Integer.getInteger("holdfast.latency.seconds", 10);
        int rtCalls = Integer.getInteger("holdfast.roundtrip.calls", 800);
        MailboxReport report = new MailboxReport();
        String load;
        Floors.Measured before;
        Floors.Measured after;
        try (LoadSampler sampler = new LoadSampler()) {
            MailboxDatabase.prepare();
            before = Floors.measure();
            Collection<RunResult> results = jmh ? new Runner(options).run() : List.of();
            report.throughput(results);
            for (Contender contender : Contender.values()) {
                report.roundTrips(contender, RoundTripCount.count(contender, rtCalls));
            }
            for (Contender contender : Contender.values()) {
                if (!contender.redis()) {
                    MailboxDatabase.prepare();
                }
                try (MailboxContender client = contender.open(null)) {
                    String run = "ol" + Long.toString(System.nanoTime(), 36);
                    long[] sorted = OpenLoop.measure(client, run, rate, rate * 2, rate * seconds);
                    double p50 = OpenLoop.millis(sorted, 0.50);
                    double p99 = OpenLoop.millis(sorted, 0.99);
                    double max = OpenLoop.millis(sorted, 1.0);
                    System.out.printf(
                            Locale.ROOT,
                            "latency %-17s %5d calls at %d/s  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
                            contender.method(),
                            sorted.length,
                            rate,
                            p50,
                            p99,
                            max);
                    report.latency(contender, p50, p99, max);
                }
            }
            after = Floors.measure();
            load = sampler.describe();
        }
        if (EntityLog.OVERLAPS.get() > 0) {
            throw new IllegalStateException(
                    EntityLog.OVERLAPS.get() + " frame(s) ran while another frame of their entity was running");
        }
        String header = String.format(
                Locale.ROOT,
                "Run on %s · machine: %s, %s cores · JDK: %s · `lock-benchmarks/run.sh mailbox` · JMH: %d fork, %d × %s"
                        + " warmup, %d × %s measurement, 8 threads sharing one client per contender · latency: open loop,"
                        + " %d calls/s for %d s after %d s of warm-up · Redis: a private server started by run.sh ·"
                        + " load average (1 min) during the run: %s, on cores shared with other builds",
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                options.getForkCount().orElse(1),
                options.getWarmupIterations().orElse(3),
                options.getWarmupTime().orElse(TimeValue.seconds(2)),
                options.getMeasurementIterations().orElse(3),
                options.getMeasurementTime().orElse(TimeValue.seconds(3)),
                rate,
                seconds,
                2,
                load);
        String section = report.markdown(header, before, after, rate);
        System.out.println();
        System.out.println(section);
        if (jmh) {
            BenchmarkDocument.writeSection(document, "mailbox", section);
            System.out.printf(Locale.ROOT, "Wrote the mailbox section of %s%n", document);
        }
    }
}

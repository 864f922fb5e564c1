package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the {@code scale} suite (not JMH): for Redis then PostgreSQL, the watchdog with 1,000 / 10,000 / 100,000
 * leases ({@link WatchdogScale}), 10 / 1,000 / 10,000 threads waiting on 1,000 keys ({@link WaiterScale}) and
 * 1,000,000 distinct ids ({@link DistinctIds}); then writes the {@code scale} section of the Markdown file and the
 * three SVG charts beside it.
 *
 * <p>Arguments: {@code scale} and the Markdown file. System properties: {@code holdfast.machine},
 * {@code holdfast.cores}, {@code holdfast.scale.stores} (default {@code redis,postgresql}),
 * {@code holdfast.scale.leases} (default {@code 1000,10000,100000}), {@code holdfast.scale.waiters} (default
 * {@code 10,1000,10000}), {@code holdfast.scale.ids} (default 1000000), {@code holdfast.scale.lease} (the
 * watchdog's lease lengths in seconds, default {@code 3,10}), {@code holdfast.scale.write} ({@code false} prints the section and writes nothing).
 */
public final class SuiteMain {

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code scale} and the Markdown file
     * @throws Exception when a store fails or the files cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"scale".equals(args[0])) {
            throw new IllegalArgumentException("Usage: SuiteMain scale <markdown-file>; was " + Arrays.toString(args));
        }
        Path document = Path.of(args[1]);
        List<String> stores = List.of(
                System.getProperty("holdfast.scale.stores", "redis,postgresql").split(","));
        int[] leases = numbers("holdfast.scale.leases", "1000,10000,100000");
        int[] waiters = numbers("holdfast.scale.waiters", "10,1000,10000");
        long ids = Long.getLong("holdfast.scale.ids", 1_000_000L);
        int[] leaseSeconds = numbers("holdfast.scale.lease", "3,10");
        long start = System.nanoTime();
        List<WatchdogScale.Row> watchdog = new ArrayList<>();
        List<WaiterScale.Row> waiting = new ArrayList<>();
        List<DistinctIds.Row> distinct = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        for (String name : stores) {
            try (Target target = target(name.strip())) {
                servers.add(target.server());
                for (int seconds : leaseSeconds) {
                    watchdog.addAll(WatchdogScale.measure(target, leases, Duration.ofSeconds(seconds)));
                }
                // A first, unreported round loads the classes and opens the connections the waiters use.
                System.out.printf(Locale.ROOT, "waiters %-10s warm-up%n", target.label());
                WaiterScale.measure(target, 100);
                for (int count : waiters) {
                    System.out.printf(Locale.ROOT, "waiters %-10s %,d%n", target.label(), count);
                    waiting.add(WaiterScale.measure(target, count));
                }
                if (ids > 0) {
                    distinct.add(DistinctIds.measure(target, ids));
                }
            }
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String machine = String.format(
                Locale.ROOT,
                "machine: %s, %s cores, shared with other builds",
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())));
        String header = String.format(
                Locale.ROOT,
                "Run on %s · %s · JDK: %s · %s · `lock-benchmarks/run.sh scale` · %.1f min",
                LocalDate.now(),
                machine,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                String.join(", ", servers),
                minutes);
        ScaleReport report = new ScaleReport(watchdog, waiting, distinct, header);
        String section = report.markdown();
        System.out.println();
        System.out.println(section);
        if (Boolean.parseBoolean(System.getProperty("holdfast.scale.write", "true"))) {
            String note = LocalDate.now() + " · " + machine + " · lock-benchmarks/run.sh scale";
            Path folder = document.toAbsolutePath().getParent();
            Files.writeString(
                    folder.resolve(ScaleReport.WATCHDOG_SVG), report.watchdogChart(note), StandardCharsets.UTF_8);
            Files.writeString(
                    folder.resolve(ScaleReport.WAITERS_SVG), report.waitersChart(note), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(ScaleReport.IDS_SVG), report.idsChart(note), StandardCharsets.UTF_8);
            BenchmarkDocument.writeSection(document, "scale", section);
            System.out.printf(Locale.ROOT, "Wrote the scale section of %s and its charts%n", document);
        }
    }

    private static Target target(String name) throws Exception {
        return switch (name) {
            case "redis" -> new RedisTarget();
            case "postgresql" -> new PostgresTarget();
            default ->
                throw new IllegalArgumentException(
                        "Unknown store [" + name + "] in holdfast.scale.stores: use redis, postgresql");
        };
    }

    private static int[] numbers(String property, String defaults) {
        String value = System.getProperty(property, defaults);
        try {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Property " + property + " must list numbers; was [" + value + "]", ex);
        }
    }
}

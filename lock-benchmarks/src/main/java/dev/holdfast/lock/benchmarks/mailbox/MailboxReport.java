package dev.holdfast.lock.benchmarks.mailbox;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The {@code mailbox} suite's tables: per scenario and store, Holdfast, its hand-made peer, Holdfast's ratio (for
 * latencies the peer's time over Holdfast's, so above 1 is better either way) and the target; then the round
 * trips per call and the stores' round-trip floors, from which the bound of each serial path follows.
 */
final class MailboxReport {

    /** Per contender: calls/s through one mailbox and through 1,000 ({@code {score, error}}). */
    private final Map<Contender, double[][]> throughput = new EnumMap<>(Contender.class);

    /** Per contender: p50, p99 and max latency in ms at the offered rate. */
    private final Map<Contender, double[]> latency = new EnumMap<>(Contender.class);

    /** Per contender: round trips per call, per shape of {@link RoundTripCount#SHAPES}. */
    private final Map<Contender, double[][]> roundTrips = new EnumMap<>(Contender.class);

    void throughput(Collection<RunResult> results) {
        for (RunResult result : results) {
            String[] parts = result.getParams().getBenchmark().split("\\.");
            int scenario = "OneMailbox".equals(parts[parts.length - 2]) ? 0 : 1;
            Result<?> primary = result.getPrimaryResult();
            throughput.computeIfAbsent(Contender.of(parts[parts.length - 1]), (c) -> new double[2][])[scenario] =
                    new double[] {primary.getScore(), primary.getScoreError()};
        }
    }

    void latency(Contender contender, double p50, double p99, double max) {
        latency.put(contender, new double[] {p50, p99, max});
    }

    void roundTrips(Contender contender, double[][] perCall) {
        roundTrips.put(contender, perCall);
    }

    /**
     * Return the tables.
     *
     * @param header the run's line (date, machine, settings, load)
     * @param before the floors measured before the benchmarks
     * @param after the floors measured after them
     * @param rate the offered rate of the latency rows
     * @return the Markdown
     */
    String markdown(String header, Floors.Measured before, Floors.Measured after, int rate) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | store | holdfast | hand-made | holdfast ÷ hand-made | target | |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        String[] scenarios = {"one mailbox, 8 threads: calls/s", "1,000 mailboxes, 8 threads: calls/s"};
        int[][] targets = {{1_000, 400}, {5_000, 1_500}};
        for (int scenario = 0; scenario < 2; scenario++) {
            for (int store = 0; store < 2; store++) {
                Contender mine = Contender.values()[store * 2];
                Contender peer = Contender.values()[store * 2 + 1];
                double[] subject = score(mine, scenario);
                double[] other = score(peer, scenario);
                double ratio = subject[0] / other[0];
                int target = targets[scenario][store];
                boolean met = subject[0] >= target && ratio >= 1.5;
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %.2f× | ≥ %,d/s and ≥ 1.5× | %s |%n",
                        scenarios[scenario],
                        mine.store(),
                        format(subject),
                        format(other),
                        ratio,
                        target,
                        verdict(subject[0] >= target, ratio >= 1.5, met)));
            }
        }
        double[] p99Targets = {10, 25};
        for (int store = 0; store < 2; store++) {
            Contender mine = Contender.values()[store * 2];
            Contender peer = Contender.values()[store * 2 + 1];
            double[] subject = latency.getOrDefault(mine, new double[] {Double.NaN, Double.NaN, Double.NaN});
            double[] other = latency.getOrDefault(peer, new double[] {Double.NaN, Double.NaN, Double.NaN});
            String label = String.format(Locale.ROOT, "enqueue to result at %d calls/s (1,000 mailboxes)", rate);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s: p50 ms | %s | %.2f | %.2f | %.2f× | | |%n",
                    label,
                    mine.store(),
                    subject[0],
                    other[0],
                    other[0] / subject[0]));
            out.append(String.format(
                    Locale.ROOT,
                    "| %s: p99 ms (max) | %s | %.2f (%.0f) | %.2f (%.0f) | %.2f× | ≤ %.0f ms | %s |%n",
                    label,
                    mine.store(),
                    subject[1],
                    subject[2],
                    other[1],
                    other[2],
                    other[1] / subject[1],
                    p99Targets[store],
                    (subject[1] <= p99Targets[store]) ? "met" : "missed"));
        }
        Floors.Measured floor = before.mean(after);
        out.append(
                "\nWhat each call costs, counted over 800 calls per shape after the timed runs. Round trips: on Redis the"
                        + " commands the clients sent (counted with `MONITOR`; commands run inside scripts not counted), on"
                        + " PostgreSQL statements, batches, commits and rollbacks through the pool. Durable commits: transactions"
                        + " that wrote or locked a row, each waiting for the WAL flush. CPU: this JVM's process time and the"
                        + " server's (Redis `INFO cpu`; PostgreSQL's is not measured (n/m): its backends are shared with other builds),"
                        + " measured over as many calls again without `MONITOR`. The serial floor is one call's round trips"
                        + " at the floors of this run (medians from one thread; before the benchmarks: "
                        + before
                        + "; after: "
                        + after
                        + "):\n\n");
        out.append("| contender | store | round trips per call: 1 thread · 8 threads, 1 mailbox · 8 threads, 1,000"
                + " | durable commits per call (same) | CPU ms per call, client + server: 8 threads, 1 mailbox · 1,000"
                + " | 2 cores ÷ CPU per call, calls/s: 1 mailbox · 1,000 | serial floor of a call at 1 thread |\n");
        out.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Contender contender : Contender.values()) {
            double[][] counts = roundTrips.get(contender);
            if (counts == null) {
                continue;
            }
            String commits = contender.redis()
                    ? "–"
                    : String.format(Locale.ROOT, "%.2f · %.2f · %.2f", counts[0][1], counts[1][1], counts[2][1]);
            double serial = contender.redis()
                    ? counts[0][0] * floor.redis()
                    : counts[0][1] * floor.commit() + (counts[0][0] - counts[0][1]) * floor.postgres();
            String floorText = contender.redis()
                    ? String.format(Locale.ROOT, "%.0f × %.3f ms", counts[0][0], floor.redis())
                    : String.format(
                            Locale.ROOT,
                            "%.1f commits × %.3f ms + %.1f × %.3f ms",
                            counts[0][1],
                            floor.commit(),
                            counts[0][0] - counts[0][1],
                            floor.postgres());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f · %.2f · %.2f | %s | %s | %s | %s = %.2f ms → ≤ %,.0f calls/s |%n",
                    contender.method(),
                    contender.store(),
                    counts[0][0],
                    counts[1][0],
                    counts[2][0],
                    commits,
                    cpu(counts[1]) + " · " + cpu(counts[2]),
                    bound(counts[1]) + " · " + bound(counts[2]),
                    floorText,
                    serial,
                    1000 / serial));
        }
        return out.toString();
    }

    /** Format the CPU per call of a shape: client + server, or the client's only when the server's is unknown. */
    private static String cpu(double[] counts) {
        return Double.isNaN(counts[3])
                ? String.format(Locale.ROOT, "%.2f + n/m", counts[2])
                : String.format(Locale.ROOT, "%.2f + %.2f", counts[2], counts[3]);
    }

    /** Return what two cores allow at a shape's CPU per call (the client's alone when the server's is unknown). */
    private static String bound(double[] counts) {
        double cpu = counts[2] + (Double.isNaN(counts[3]) ? 0 : counts[3]);
        return String.format(Locale.ROOT, Double.isNaN(counts[3]) ? "≤ %,.0f (client)" : "%,.0f", 2000 / cpu);
    }

    private double[] score(Contender contender, int scenario) {
        double[][] scores = throughput.get(contender);
        return (scores == null || scores[scenario] == null) ? new double[] {Double.NaN, Double.NaN} : scores[scenario];
    }

    private static String format(double[] score) {
        return Double.isNaN(score[1])
                ? String.format(Locale.ROOT, "%,.0f", score[0])
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", score[0], score[1]);
    }

    private static String verdict(boolean absolute, boolean ratio, boolean both) {
        if (both) {
            return "met";
        }
        if (!absolute && !ratio) {
            return "missed (both)";
        }
        return absolute ? "missed (ratio)" : "missed (calls/s)";
    }
}

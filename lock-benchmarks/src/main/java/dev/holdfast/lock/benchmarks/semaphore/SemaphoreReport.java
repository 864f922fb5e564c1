package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.benchmarks.HandoffLatency;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The {@code semaphore} suite's table: a row per scenario, Holdfast and the two Redisson columns (the first holds
 * {@code RPermitExpirableSemaphore}, or {@code RReadWriteLock} on the read/write rows), and Holdfast's ratio to the
 * best peer (for latencies the peer's time over Holdfast's, so above 1 is better either way). A scenario run in rounds
 * ({@code OneThreadRound1..3}) shows the mean of the rounds with their range; the ratio is that of the means.
 *
 * @param rows the rows in order
 */
record SemaphoreReport(List<Row> rows) {

    static SemaphoreReport of(Collection<RunResult> results, Map<Contender, HandoffLatency.Latencies> latencies) {
        Row one = new Row("one thread, uncontended: take + give back a permit /s", false);
        Row eight = new Row("eight threads, one client, a semaphore each: take + give back /s", false);
        Row grants = new Row("eight clients, one semaphore of 3: grants /s", false);
        Row p50 = new Row("hand-off of a permit (semaphore of 3), p50 ms", true);
        Row p99 = new Row("hand-off of a permit (semaphore of 3), p99 ms", true);
        Row reads = new Row("read/write lock, 8 readers + 1 writer: reads /s", false);
        Row writes = new Row("read/write lock, 8 readers + 1 writer: writes /s", false);
        Row holds = new Row("read/write lock, 8 readers + 1 writer: all holds /s", false);
        for (RunResult result : results) {
            String[] parts = result.getParams().getBenchmark().split("\\.");
            String scenario = parts[parts.length - 2].replaceFirst("Round\\d+$", "");
            String method = parts[parts.length - 1];
            Result<?> primary = result.getPrimaryResult();
            switch (scenario) {
                case "OneThread" -> one.put(column(method), primary);
                case "EightThreads" -> eight.put(column(method), primary);
                case "EightClientsSizeThree" -> grants.put(column(method), primary);
                case "ReadWrite" -> {
                    int column = "holdfast".equals(method) ? 0 : 1;
                    holds.put(column, primary);
                    reads.put(column, result.getSecondaryResults().get(method + "Read"));
                    writes.put(column, result.getSecondaryResults().get(method + "Write"));
                }
                default -> {}
            }
        }
        latencies.forEach((contender, latency) -> {
            p50.put(contender.ordinal(), latency.p50(), Double.NaN);
            p99.put(contender.ordinal(), latency.p99(), Double.NaN);
        });
        return new SemaphoreReport(List.of(one, eight, grants, p50, p99, reads, writes, holds));
    }

    private static int column(String method) {
        for (Contender contender : Contender.values()) {
            if (contender.method().equals(method)) {
                return contender.ordinal();
            }
        }
        throw new IllegalArgumentException("Unknown contender [" + method + "]");
    }

    String markdown(LocalDate date, String machine, String cores, String jdk, String settings) {
        StringBuilder out = new StringBuilder();
        out.append("Run on ")
                .append(date)
                .append(" · machine: ")
                .append(machine)
                .append(", ")
                .append(cores)
                .append(" cores · JDK: ")
                .append(jdk)
                .append(" · `lock-benchmarks/run.sh semaphore` · ")
                .append(settings)
                .append("\n\n| scenario | holdfast | Redisson RPermitExpirableSemaphore · RReadWriteLock"
                        + " | Redisson RSemaphore | holdfast ÷ best peer | target |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.label).append(" |");
            for (int column = 0; column < 3; column++) {
                out.append(' ').append(row.format(column)).append(" |");
            }
            double ratio = row.ratio();
            out.append(' ')
                    .append(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio))
                    .append(" | ")
                    .append(Double.isNaN(ratio) ? "" : (ratio >= 1.0) ? "met" : "missed")
                    .append(" |\n");
        }
        return out.toString();
    }

    /** One scenario's scores by column (0 Holdfast, 1 and 2 the peers). */
    static final class Row {

        final String label;

        final boolean latency;

        final double[][] scores = new double[3][];

        final List<List<Double>> rounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        Row(String label, boolean latency) {
            this.label = label;
            this.latency = latency;
        }

        void put(int column, Result<?> result) {
            if (result != null) {
                put(column, result.getScore(), result.getScoreError());
            }
        }

        void put(int column, double score, double error) {
            rounds.get(column).add(score);
            List<Double> all = rounds.get(column);
            double mean =
                    all.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            scores[column] = new double[] {mean, (all.size() > 1) ? Double.NaN : error};
        }

        String format(int column) {
            double[] score = scores[column];
            if (score == null || Double.isNaN(score[0])) {
                return "–";
            }
            if (latency) {
                return String.format(Locale.ROOT, "%.2f", score[0]);
            }
            List<Double> all = rounds.get(column);
            if (all.size() > 1) {
                return String.format(
                        Locale.ROOT,
                        "%,.0f (%,.0f–%,.0f)",
                        score[0],
                        all.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                        all.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
            }
            String error = Double.isNaN(score[1]) ? "" : String.format(Locale.ROOT, " ± %,.0f", score[1]);
            return String.format(Locale.ROOT, "%,.0f%s", score[0], error);
        }

        /** Holdfast's ratio to the best peer: throughput over the best peer's, or the best peer's time over its. */
        double ratio() {
            if (scores[0] == null || scores[0][0] <= 0) {
                return Double.NaN;
            }
            double best = Double.NaN;
            for (int column = 1; column < 3; column++) {
                if (scores[column] != null && scores[column][0] > 0) {
                    double peer = scores[column][0];
                    best = Double.isNaN(best) ? peer : latency ? Math.min(best, peer) : Math.max(best, peer);
                }
            }
            if (Double.isNaN(best)) {
                return Double.NaN;
            }
            return latency ? best / scores[0][0] : scores[0][0] / best;
        }
    }
}

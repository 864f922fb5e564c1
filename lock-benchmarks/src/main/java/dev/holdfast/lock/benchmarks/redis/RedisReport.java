package dev.holdfast.lock.benchmarks.redis;

import dev.holdfast.lock.benchmarks.HandoffLatency;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The {@code redis} suite's table: a row per scenario, a column per contender, Holdfast's ratio to each peer (for
 * latencies, the peer's time over Holdfast's, so above 1 is better either way) and whether issue 13's target is met:
 * at least {@value #THROUGHPUT_TARGET}× the best peer in every throughput row, a hand-off p99 lower than every peer's.
 *
 * @param rows the rows in order
 */
record RedisReport(List<Row> rows) {

    /** Issue 13's Redis target for every throughput row: at least 1.2× the best peer (1.5× is the databases'). */
    static final double THROUGHPUT_TARGET = 1.2;

    /** Issue 13's hand-off p99 target: lower than every peer's, so each peer's p99 over Holdfast's above 1. */
    static final double LOWER_THAN_EVERY_PEER = 1.0;

    static RedisReport of(Collection<RunResult> results, Map<Contender, HandoffLatency.Latencies> latencies) {
        Row one = new Row("(a) one thread, acquire + release /s", false, THROUGHPUT_TARGET);
        Row eight = new Row("(b) eight threads, distinct keys, acquire + release /s", false, THROUGHPUT_TARGET);
        Row grants = new Row("(c) four clients, one key: grants /s", false, THROUGHPUT_TARGET);
        Row handoffs = new Row("(c) of which hand-offs to another client /s", false, THROUGHPUT_TARGET);
        Row p50 = new Row("(d) hand-off latency p50, ms", true, Double.NaN);
        Row p99 = new Row("(d) hand-off latency p99, ms", true, LOWER_THAN_EVERY_PEER);
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            String scenario = parts[parts.length - 2];
            Contender contender = byMethod(parts[parts.length - 1]);
            Result<?> primary = result.getPrimaryResult();
            switch (scenario) {
                case "OneThread" -> one.put(contender, primary.getScore(), primary.getScoreError());
                case "EightThreads" -> eight.put(contender, primary.getScore(), primary.getScoreError());
                case "FourClientsOneKey" -> {
                    grants.put(contender, primary.getScore(), primary.getScoreError());
                    Result<?> moved = result.getSecondaryResults().get("handoffs");
                    if (moved != null) {
                        handoffs.put(contender, moved.getScore(), moved.getScoreError());
                    }
                }
                default -> {}
            }
        }
        latencies.forEach((contender, latency) -> {
            p50.put(contender, latency.p50(), Double.NaN);
            p99.put(contender, latency.p99(), Double.NaN);
        });
        return new RedisReport(List.of(one, eight, grants, handoffs, p50, p99));
    }

    String markdown(LocalDate date, String machine, String cores, String jdk, String settings) {
        List<Contender> peers = new ArrayList<>(List.of(Contender.values()));
        peers.remove(Contender.HOLDFAST);
        StringBuilder out = new StringBuilder();
        out.append("Run on ")
                .append(date)
                .append(" · machine: ")
                .append(machine)
                .append(", ")
                .append(cores)
                .append(" cores · JDK: ")
                .append(jdk)
                .append(" · `lock-benchmarks/run.sh redis` · ")
                .append(settings)
                .append("\n\n| scenario |");
        for (Contender contender : Contender.values()) {
            out.append(' ').append(contender.method()).append(" |");
        }
        peers.forEach(
                (peer) -> out.append(" holdfast vs ").append(peer.method()).append(" |"));
        out.append(" target |\n|---|");
        out.append("---:|".repeat(Contender.values().length + peers.size()));
        out.append("---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.label).append(" |");
            for (Contender contender : Contender.values()) {
                out.append(' ').append(row.format(contender)).append(" |");
            }
            peers.forEach((peer) -> out.append(' ').append(row.ratio(peer)).append(" |"));
            out.append(' ').append(row.target(peers)).append(" |\n");
        }
        return out.toString();
    }

    private static Contender byMethod(String method) {
        for (Contender contender : Contender.values()) {
            if (contender.method().equals(method)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("Unknown contender [" + method + "]");
    }

    /** One scenario's scores. */
    static final class Row {

        final String label;

        final boolean latency;

        final double ratioTarget;

        final Map<Contender, double[]> scores = new EnumMap<>(Contender.class);

        Row(String label, boolean latency, double ratioTarget) {
            this.label = label;
            this.latency = latency;
            this.ratioTarget = ratioTarget;
        }

        void put(Contender contender, double score, double error) {
            scores.put(contender, new double[] {score, error});
        }

        String format(Contender contender) {
            double[] score = scores.get(contender);
            if (score == null || Double.isNaN(score[0])) {
                return "–";
            }
            if (latency) {
                return String.format(Locale.ROOT, "%.2f", score[0]);
            }
            String error = Double.isNaN(score[1]) ? "" : String.format(Locale.ROOT, " ± %,.0f", score[1]);
            return String.format(Locale.ROOT, "%,.0f%s", score[0], error);
        }

        double ratioTo(Contender peer) {
            double[] subject = scores.get(Contender.HOLDFAST);
            double[] other = scores.get(peer);
            if (subject == null || other == null || subject[0] <= 0 || other[0] <= 0) {
                return Double.NaN;
            }
            return latency ? other[0] / subject[0] : subject[0] / other[0];
        }

        String ratio(Contender peer) {
            double ratio = ratioTo(peer);
            return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
        }

        String target(List<Contender> peers) {
            if (Double.isNaN(ratioTarget)) {
                return "";
            }
            double worst = peers.stream()
                    .mapToDouble(this::ratioTo)
                    .filter((r) -> !Double.isNaN(r))
                    .min()
                    .orElse(Double.NaN);
            if (Double.isNaN(worst)) {
                return "–";
            }
            if (latency) {
                // Each peer's time over Holdfast's: lower than every peer's means every ratio above 1.
                return String.format(
                        Locale.ROOT,
                        "lower than every peer's: best peer's ÷ holdfast's %.2f× %s",
                        worst,
                        (worst > ratioTarget) ? "met" : "missed");
            }
            return String.format(
                    Locale.ROOT,
                    "≥ %.1f× best peer: %.2f× %s",
                    ratioTarget,
                    worst,
                    (worst >= ratioTarget) ? "met" : "missed");
        }
    }
}

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
 * latencies, the peer's time over Holdfast's, so above 1 is better either way) and whether the target is met.
 *
 * @param rows the rows in order
 */
record RedisReport(List<Row> rows) {

    static RedisReport of(Collection<RunResult> results, Map<Contender, HandoffLatency.Latencies> latencies) {
        Row one = new Row("(a) one thread, acquire + release /s", false, 1.5, Double.NaN);
        Row eight = new Row("(b) eight threads, distinct keys, acquire + release /s", false, 1.5, Double.NaN);
        Row grants = new Row("(c) four clients, one key: grants /s", false, 2.0, Double.NaN);
        Row handoffs = new Row("(c) of which hand-offs to another client /s", false, 2.0, Double.NaN);
        Row p50 = new Row("(d) hand-off latency p50, ms", true, Double.NaN, Double.NaN);
        Row p99 = new Row("(d) hand-off latency p99, ms", true, Double.NaN, 2.0);
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

        final double absoluteTarget;

        final Map<Contender, double[]> scores = new EnumMap<>(Contender.class);

        Row(String label, boolean latency, double ratioTarget, double absoluteTarget) {
            this.label = label;
            this.latency = latency;
            this.ratioTarget = ratioTarget;
            this.absoluteTarget = absoluteTarget;
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
            if (!Double.isNaN(absoluteTarget)) {
                double[] subject = scores.get(Contender.HOLDFAST);
                if (subject == null) {
                    return "–";
                }
                return String.format(
                        Locale.ROOT, "< %.0f ms: %s", absoluteTarget, (subject[0] < absoluteTarget) ? "met" : "missed");
            }
            if (Double.isNaN(ratioTarget)) {
                return "";
            }
            double worst = peers.stream()
                    .mapToDouble(this::ratioTo)
                    .filter((r) -> !Double.isNaN(r))
                    .min()
                    .orElse(Double.NaN);
            return String.format(
                    Locale.ROOT,
                    "≥ %.1f× best peer: %.2f× %s",
                    ratioTarget,
                    worst,
                    (worst >= ratioTarget) ? "met" : "missed");
        }
    }
}

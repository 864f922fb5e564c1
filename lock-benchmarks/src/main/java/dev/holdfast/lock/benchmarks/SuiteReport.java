package dev.holdfast.lock.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One suite's results as a table: a row per thread count, a column of ops/s per contender (the benchmark method's
 * name), and Holdfast's ratio to each peer. The contender named {@value #SUBJECT} is Holdfast; every other is a peer.
 *
 * @param suite the suite name
 * @param scores ops/s and error per thread count, then per contender, in run order
 */
record SuiteReport(String suite, Map<Integer, Map<String, Score>> scores) {

    /** The benchmark method name of the Holdfast contender. */
    static final String SUBJECT = "holdfast";

    SuiteReport {
        scores = Map.copyOf(scores);
    }

    static SuiteReport of(String suite, Collection<RunResult> results) {
        Map<Integer, Map<String, Score>> scores = new TreeMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            String contender = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            scores.computeIfAbsent(params.getThreads(), (threads) -> new java.util.LinkedHashMap<>())
                    .put(contender, new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        return new SuiteReport(suite, scores);
    }

    String markdown(LocalDate date, String machine, String cores, String jdk) {
        Set<String> contenders = new LinkedHashSet<>();
        contenders.add(SUBJECT);
        new TreeMap<>(this.scores).values().forEach((row) -> contenders.addAll(row.keySet()));
        List<String> peers = new ArrayList<>(contenders);
        peers.remove(SUBJECT);
        StringBuilder out = new StringBuilder();
        out.append("Run on ")
                .append(date)
                .append(" · machine: ")
                .append(machine)
                .append(", ")
                .append(cores)
                .append(" cores · JDK: ")
                .append(jdk)
                .append(" · `lock-benchmarks/run.sh ")
                .append(this.suite)
                .append("`\n\n");
        out.append("| threads |");
        contenders.forEach((name) -> out.append(' ').append(name).append(" (ops/s) |"));
        peers.forEach((peer) ->
                out.append(' ').append(SUBJECT).append(" ÷ ").append(peer).append(" |"));
        out.append("\n|---:|");
        contenders.forEach((name) -> out.append("---:|"));
        peers.forEach((peer) -> out.append("---:|"));
        out.append('\n');
        new TreeMap<>(this.scores).forEach((threads, row) -> {
            out.append("| ").append(threads).append(" |");
            contenders.forEach(
                    (name) -> out.append(' ').append(format(row.get(name))).append(" |"));
            Score subject = row.get(SUBJECT);
            peers.forEach((peer) ->
                    out.append(' ').append(ratio(subject, row.get(peer))).append(" |"));
            out.append('\n');
        });
        return out.toString();
    }

    private static String format(Score score) {
        if (score == null) {
            return "–";
        }
        String error = Double.isNaN(score.error()) ? "" : String.format(Locale.ROOT, " ± %,.0f", score.error());
        return String.format(Locale.ROOT, "%,.0f%s", score.value(), error);
    }

    private static String ratio(Score subject, Score peer) {
        if (subject == null || peer == null || peer.value() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", subject.value() / peer.value());
    }

    /**
     * One benchmark's score.
     *
     * @param value the mean
     * @param error the 99.9% confidence half-width, or NaN
     * @param unit the unit, such as {@code ops/s}
     */
    record Score(double value, double error, String unit) {}
}

package dev.holdfast.lock.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * <p>A suite may run the same contenders in several rounds (benchmark classes with the same thread count, run one
 * after another), so that drift on a shared machine hits every contender alike; a cell then shows the mean and the
 * range over the rounds, and a ratio the ratio of the means with the range of the per-round ratios.
 *
 * @param suite the suite name, or the command that ran it when it says more (such as the database)
 * @param scores per thread count, per round (benchmark class), per contender: the score
 */
record SuiteReport(String suite, Map<Integer, Map<String, Map<String, Score>>> scores) {

    /** The benchmark method name of the Holdfast contender. */
    static final String SUBJECT = "holdfast";

    SuiteReport {
        scores = Map.copyOf(scores);
    }

    static SuiteReport of(String suite, Collection<RunResult> results) {
        Map<Integer, Map<String, Map<String, Score>>> scores = new TreeMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            int dot = benchmark.lastIndexOf('.');
            String round = benchmark.substring(0, dot);
            String contender = benchmark.substring(dot + 1);
            Result<?> primary = result.getPrimaryResult();
            scores.computeIfAbsent(params.getThreads(), (threads) -> new LinkedHashMap<>())
                    .computeIfAbsent(round, (name) -> new LinkedHashMap<>())
                    .put(contender, new Score(primary.getScore(), primary.getScoreError()));
        }
        return new SuiteReport(suite, scores);
    }

    String markdown(LocalDate date, String machine, String cores, String jdk) {
        Set<String> contenders = new LinkedHashSet<>();
        contenders.add(SUBJECT);
        new TreeMap<>(this.scores)
                .values()
                .forEach((rounds) -> rounds.values().forEach((row) -> contenders.addAll(row.keySet())));
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
                .append(" · `")
                .append(this.suite.contains(" ") ? this.suite : "lock-benchmarks/run.sh " + this.suite)
                .append("` · ops/s, higher is better\n\n");
        out.append("| threads | rounds |");
        contenders.forEach((name) -> out.append(' ').append(name).append(" |"));
        peers.forEach((peer) ->
                out.append(' ').append(SUBJECT).append(" ÷ ").append(peer).append(" |"));
        out.append("\n|---:|---:|");
        contenders.forEach((name) -> out.append("---:|"));
        peers.forEach((peer) -> out.append("---:|"));
        out.append('\n');
        new TreeMap<>(this.scores).forEach((threads, rounds) -> {
            out.append("| ").append(threads).append(" | ").append(rounds.size()).append(" |");
            contenders.forEach(
                    (name) -> out.append(' ').append(cell(rounds, name)).append(" |"));
            peers.forEach((peer) -> out.append(' ').append(ratio(rounds, peer)).append(" |"));
            out.append('\n');
        });
        return out.toString();
    }

    private static String cell(Map<String, Map<String, Score>> rounds, String contender) {
        List<Score> scores = new ArrayList<>();
        rounds.values().forEach((row) -> {
            if (row.containsKey(contender)) {
                scores.add(row.get(contender));
            }
        });
        if (scores.isEmpty()) {
            return "–";
        }
        if (scores.size() == 1) {
            Score score = scores.get(0);
            String error = Double.isNaN(score.error()) ? "" : String.format(Locale.ROOT, " ± %,.0f", score.error());
            return String.format(Locale.ROOT, "%,.0f%s", score.value(), error);
        }
        double[] values = scores.stream().mapToDouble(Score::value).toArray();
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", mean(values), min(values), max(values));
    }

    private static String ratio(Map<String, Map<String, Score>> rounds, String peer) {
        List<Double> subject = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        rounds.values().forEach((row) -> {
            Score mine = row.get(SUBJECT);
            Score theirs = row.get(peer);
            if (mine != null && theirs != null && theirs.value() > 0) {
                subject.add(mine.value());
                others.add(theirs.value());
                ratios.add(mine.value() / theirs.value());
            }
        });
        if (ratios.isEmpty()) {
            return "–";
        }
        double headline = mean(toArray(subject)) / mean(toArray(others));
        if (ratios.size() == 1) {
            return String.format(Locale.ROOT, "%.2f×", headline);
        }
        double[] each = toArray(ratios);
        return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", headline, min(each), max(each));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double min(double[] values) {
        double min = Double.MAX_VALUE;
        for (double value : values) {
            min = Math.min(min, value);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = -Double.MAX_VALUE;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    /**
     * One benchmark's score in ops/s.
     *
     * @param value the mean
     * @param error the 99.9% confidence half-width, or NaN
     */
    record Score(double value, double error) {}
}

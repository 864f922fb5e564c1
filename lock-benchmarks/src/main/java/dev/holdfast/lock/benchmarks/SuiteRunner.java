package dev.holdfast.lock.benchmarks;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one suite (every benchmark in {@code dev.holdfast.lock.benchmarks.<suite>}) in one JMH run, prints the table of
 * ops/s with Holdfast's ratio to each peer, and writes it as the suite's section of a Markdown file.
 *
 * <p>Arguments: the suite name, the Markdown file, then any JMH command-line options, which override the defaults (one
 * fork per benchmark, 2 warmup iterations of 2 s, 3 measurement iterations of 3 s). The system properties {@code holdfast.machine}
 * and {@code holdfast.cores} describe the machine in the report.
 */
public final class SuiteRunner {

    private SuiteRunner() {}

    /**
     * Run a suite.
     *
     * @param args the suite name, the Markdown file, then JMH options
     * @throws RunnerException when JMH fails
     * @throws CommandLineOptionException when a JMH option is malformed
     * @throws java.io.IOException when the Markdown file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException(
                    "Usage: SuiteRunner <suite> <markdown-file> [jmh options]; suite was " + Arrays.toString(args));
        }
        run(args[0], Path.of(args[1]), Arrays.copyOfRange(args, 2, args.length));
    }

    /**
     * Run a suite's JMH benchmarks, print its table and write it as the suite's section of the document.
     *
     * @param suite the suite name
     * @param document the Markdown file
     * @param jmhArgs JMH command-line options
     * @throws Exception when JMH fails or the file cannot be written
     */
    public static void run(String suite, Path document, String[] jmhArgs) throws Exception {
        run(suite, suite, "lock-benchmarks/run.sh " + suite, document, jmhArgs);
    }

    /**
     * Run a suite's JMH benchmarks, print its table and write it as the given section of the document.
     *
     * @param suite the suite name
     * @param section the section of the document to write
     * @param command the command line the table names
     * @param document the Markdown file
     * @param jmhArgs JMH command-line options
     * @throws Exception when JMH fails or the file cannot be written
     */
    public static void run(String suite, String section, String command, Path document, String[] jmhArgs)
            throws Exception {
        CommandLineOptions overrides = new CommandLineOptions(jmhArgs);
        Options options = new OptionsBuilder()
                .parent(overrides)
                .include("dev\\.holdfast\\.lock\\.benchmarks\\." + suite + "\\..*")
                .forks(overrides.getForkCount().orElse(1))
                .warmupIterations(overrides.getWarmupIterations().orElse(2))
                .warmupTime(overrides.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(overrides.getMeasurementIterations().orElse(3))
                .measurementTime(overrides.getMeasurementTime().orElse(TimeValue.seconds(3)))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        SuiteReport report = SuiteReport.of(command, results);
        String table = report.markdown(
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println();
        System.out.println(table);
        BenchmarkDocument.writeSection(document, section, table);
        System.out.printf(Locale.ROOT, "Wrote the %s section of %s%n", section, document);
    }
}

package dev.holdfast.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code holdfast} as a real process: a JVM on the CLI's classes (the test's class path), output to files so that a
 * long-running command never blocks on a full pipe.
 */
final class CliProcess {

    private final Process process;

    private final Path out;

    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code holdfast} against a server as the demo user {@code worker}.
     *
     * @param dir the working directory, where the output files go too
     * @param server the server
     * @param args the command line after {@code holdfast}
     * @return the running process
     */
    static CliProcess start(Path dir, LockServer server, String... args) {
        return start(
                dir,
                Map.of("HOLDFAST_SERVER", server.url(), "HOLDFAST_USER", "worker", "HOLDFAST_PASSWORD", "worker"),
                args);
    }

    static CliProcess start(Path dir, Map<String, String> env, String... args) {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                Holdfast.class.getName()));
        line.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "holdfast-", ".out");
            Path err = Files.createTempFile(dir, "holdfast-", ".err");
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return new CliProcess(builder.start(), out, err);
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot start " + line, ex);
        }
    }

    /** Runs {@code holdfast} to its end (at most a minute). */
    static Result run(Path dir, LockServer server, String... args) {
        return start(dir, server, args).await();
    }

    Process process() {
        return this.process;
    }

    /** Waits for the end (at most a minute) and returns exit code and output. */
    Result await() {
        try {
            if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
                throw new IllegalStateException("holdfast did not end within a minute: " + output());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return output();
    }

    /** The exit code (when ended) and the output so far. */
    Result output() {
        try {
            return new Result(
                    this.process.isAlive() ? -1 : this.process.exitValue(),
                    Files.readString(this.out, StandardCharsets.UTF_8),
                    Files.readString(this.err, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An ended (or running: exit -1) {@code holdfast}: its exit code, standard output and error. */
    record Result(int exit, String out, String err) {}
}

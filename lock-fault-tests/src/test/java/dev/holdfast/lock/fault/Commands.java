package dev.holdfast.lock.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs operating-system commands (signals, {@code pg_ctl}) and fails loudly when one fails. */
final class Commands {

    private Commands() {}

    /**
     * Run a command to its end.
     *
     * @param timeout the longest it may take
     * @param command the command and its arguments
     * @return its output (standard output and error together)
     * @throws IllegalStateException when it fails, times out or exits with another status than 0
     */
    static String run(Duration timeout, String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not run " + Arrays.toString(command), ex);
        }
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Did not end within " + timeout + ": " + Arrays.toString(command));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "Exit status " + process.exitValue() + " from " + Arrays.toString(command) + ":\n" + text);
            }
            return text;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read the output of " + Arrays.toString(command), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + Arrays.toString(command), ex);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Return a command run as another operating-system user when this JVM runs as root (PostgreSQL refuses to run as
     * root), else the command as it is.
     *
     * @param user the user
     * @param command the command
     * @return the command line to run
     */
    static String[] as(String user, String... command) {
        if (!System.getProperty("user.name").equals("root")) {
            return command;
        }
        List<String> line = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        line.addAll(List.of(command));
        return line.toArray(String[]::new);
    }

    /**
     * Send a signal to a process.
     *
     * @param signal the signal's name, such as {@code STOP}
     * @param pid the process
     */
    static void signal(String signal, long pid) {
        run(Duration.ofSeconds(10), "kill", "-" + signal, Long.toString(pid));
    }
}

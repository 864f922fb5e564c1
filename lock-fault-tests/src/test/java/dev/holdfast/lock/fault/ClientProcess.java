package dev.holdfast.lock.fault;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientMain} running in a JVM of its own, on this JVM's class path: its standard output is read line by line
 * as it comes, its standard error goes to {@code target/fault-clients/<name>.log}. {@link #close()} kills it.
 */
final class ClientProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "fault-clients");

    private final String name;

    private final Process process;

    private final PrintWriter commands;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final Set<Integer> taken = ConcurrentHashMap.newKeySet();

    private volatile boolean outputEnded;

    private ClientProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "client-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start a client JVM.
     *
     * @param name a name for logs and messages
     * @param options the client's {@code name=value} options (see {@link ClientMain})
     * @return the running client
     */
    static ClientProcess start(String name, List<String> options) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                ClientMain.class.getName()));
        command.addAll(options);
        try {
            Files.createDirectories(LOGS);
            File log = LOGS.resolve(name + ".log").toFile();
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(log))
                    .start();
            return new ClientProcess(name, process);
        } catch (IOException ex) {
            throw new UncheckedIOException("Client JVM " + name + " could not be started", ex);
        }
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    /**
     * Wait for the next line that starts with a prefix and was not returned before.
     *
     * @param prefix the prefix
     * @param atMost how long to wait
     * @return the line
     */
    String awaitLine(String prefix, Duration atMost) {
        String[] found = {""};
        try {
            await("line '" + prefix + "' from client " + name)
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(20))
                    .failFast(() -> outputEnded && find(prefix) < 0)
                    .until(() -> {
                        found[0] = next(prefix);
                        return found[0] != null;
                    });
        } catch (ConditionTimeoutException | TerminalFailureException ex) {
            String when = outputEnded ? "before it ended" : "within " + atMost;
            throw new AssertionError(
                    "Client " + name + " printed no line starting '" + prefix + "' " + when + "; it printed " + lines,
                    ex);
        }
        return found[0];
    }

    /**
     * Send a command line to the client's standard input.
     *
     * @param command the command
     */
    void send(String command) {
        commands.println(command);
    }

    /** Stop the process with {@code SIGSTOP}. */
    void pause() {
        Commands.signal("STOP", process.pid());
    }

    /** Let a paused process go on with {@code SIGCONT}. */
    void resume() {
        Commands.signal("CONT", process.pid());
    }

    /** Kill the process with {@code SIGKILL} and wait until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Client " + name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing client " + name, ex);
        }
    }

    /**
     * Wait for the client to end by itself.
     *
     * @param atMost how long to wait
     * @return its exit status
     */
    int awaitExit(Duration atMost) {
        await("exit of client " + name).atMost(atMost).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /**
     * Return everything the client printed so far.
     *
     * @return the lines
     */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        commands.close();
        kill();
    }

    @Override
    public String toString() {
        return "client " + name + " (pid " + process.pid() + "): " + lines;
    }

    private synchronized @Nullable String next(String prefix) {
        int index = find(prefix);
        if (index < 0) {
            return null;
        }
        taken.add(index);
        return lines.get(index);
    }

    private synchronized int find(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (!taken.contains(i) && lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ex) {
            // the process was killed
        } finally {
            outputEnded = true;
        }
    }
}

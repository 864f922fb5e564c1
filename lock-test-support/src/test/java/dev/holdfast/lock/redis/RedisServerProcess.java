package dev.holdfast.lock.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} of the test's own on a free port, without persistence, so a test may restart, flush,
 * script-flush, pause or kill it without touching the shared Redis. Every process started is also destroyed by a JVM
 * shutdown hook, should a test end without closing it.
 */
final class RedisServerProcess implements AutoCloseable {

    private static final Set<Process> running = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> running.forEach(Process::destroyForcibly), "holdfast-redis-server-reaper"));
    }

    private final int port;

    private final @Nullable Path config;

    private final List<String> options;

    private final Path directory;

    private Process process;

    RedisServerProcess() {
        this(RedisConnections.freePort(), null, List.of());
    }

    /**
     * Start a server.
     *
     * @param port the port
     * @param config a configuration file to start from (Sentinel rewrites its own), or {@code null}
     * @param options more command-line options, such as {@code --cluster-enabled yes} or {@code --sentinel}
     */
    RedisServerProcess(int port, @Nullable Path config, List<String> options) {
        this.port = port;
        this.config = config;
        this.options = List.copyOf(options);
        try {
            this.directory = Files.createTempDirectory("holdfast-redis-" + port + "-");
        } catch (IOException ex) {
            throw new UncheckedIOException("No temporary directory for redis-server on port " + port, ex);
        }
        start();
    }

    int port() {
        return port;
    }

    /** Return whether the process runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** Stop the server (its data is gone) and start it again on the same port. */
    void restart() {
        stop();
        start();
    }

    /** Stop the server as an operator would (SIGTERM), waiting for it to exit. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    /** Kill the server at once (SIGKILL), as a crash would: nothing it had not sent yet reaches anyone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Freeze the server (SIGSTOP): its connections stay open, but it reads and answers nothing. */
    void pause() {
        signal("STOP");
    }

    /** Let a paused server run again (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
            stop();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ex) {
            // A leftover temporary directory does no harm.
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " of redis-server on port " + port + " failed");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("kill -" + signal + " could not be run", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling redis-server on port " + port, ex);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping redis-server on port " + port, ex);
        } finally {
            running.remove(process);
        }
    }

    private void start() {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        if (config != null) {
            command.add(config.toString());
        }
        // The directory takes what a replica receives from its primary; nothing else is written.
        command.addAll(List.of(
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString(),
                "--repl-diskless-sync-delay",
                "0"));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(
                            new File(System.getProperty("java.io.tmpdir"), "holdfast-redis-" + port + ".log")))
                    .start();
            running.add(process);
        } catch (IOException ex) {
            throw new UncheckedIOException("redis-server could not be started (is it on the PATH?)", ex);
        }
        await("redis-server listening on port " + port)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .failFast("redis-server on port " + port + " exited at start", () -> !process.isAlive())
                .until(this::listens);
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}

package dev.holdfast.lock.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own on a free port, without persistence, so a test may restart, flush or
 * script-flush it without touching the shared Redis.
 */
final class RedisServerProcess implements AutoCloseable {

    private final int port;

    private Process process;

    RedisServerProcess() {
        this.port = RedisConnections.freePort();
        start();
    }

    int port() {
        return port;
    }

    /** Stop the server (its data is gone) and start it again on the same port. */
    void restart() {
        stop();
        start();
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping redis-server on port " + port, ex);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void start() {
        try {
            process = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(
                            new File(System.getProperty("java.io.tmpdir"), "holdfast-redis-" + port + ".log")))
                    .start();
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

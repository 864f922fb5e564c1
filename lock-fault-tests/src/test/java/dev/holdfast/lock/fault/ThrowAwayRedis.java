package dev.holdfast.lock.fault;

import dev.holdfast.lock.test.services.RedisService;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own on a free port, without persistence, to crash and restart: the shared
 * Redis is never touched.
 */
final class ThrowAwayRedis implements AutoCloseable {

    private final int port = LocalPorts.free();

    private Process process;

    ThrowAwayRedis() {
        this.process = launch();
    }

    RedisService service() {
        return new RedisService("127.0.0.1", port);
    }

    /** Kill the server with {@code SIGKILL}: every key is gone with it. */
    void crash() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " survived SIGKILL");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing redis-server on port " + port, ex);
        }
    }

    /** Start the server again on the same port, empty. */
    void start() {
        this.process = launch();
    }

    @Override
    public void close() {
        crash();
    }

    private Process launch() {
        Process started;
        try {
            started = new ProcessBuilder(
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
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            new File(System.getProperty("java.io.tmpdir"), "holdfast-fault-redis-" + port + ".log")))
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException("redis-server could not be started (is it on the PATH?)", ex);
        }
        LocalPorts.awaitListening(port, "redis-server", started::isAlive);
        return started;
    }
}

package dev.holdfast.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real lock server: the jar that module {@code lock-server} builds, run with {@code java -jar} on a free port, on
 * its in-memory store, with the clients of its {@code demo} profile: {@code admin}, {@code worker}, {@code viewer}
 * (password = name) and the API key {@code demo-key}. {@link #shared()} is one server for all the tests of the JVM.
 */
final class LockServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static @Nullable LockServer shared;

    private final Process process;

    private final int port;

    private final Path log;

    private final HttpClient http = HttpClient.newHttpClient();

    private LockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The server all tests share, started once; it stops with the JVM. */
    static synchronized LockServer shared() {
        if (shared == null) {
            LockServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            shared = server;
        }
        return shared;
    }

    /** A server of the caller's own, to stop when it likes; it answers once this returns. */
    static LockServer start() {
        Path jar = Project.root().resolve("lock-server/target/lock-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar
                    + " is missing: build module lock-server first (mvn -pl holdfast-cli -am" + " verify builds it)");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("holdfast-lock-server-", ".log");
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toString(),
                            "--server.port=" + port,
                            "--spring.profiles.active=demo",
                            "--holdfast.store=memory",
                            "--spring.lifecycle.timeout-per-shutdown-phase=1s")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LockServer server = new LockServer(process, port, log);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the lock server ended; its log is " + log, () -> !process.isAlive())
                    .until(server::up);
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot start " + jar, ex);
        }
    }

    private boolean up() {
        try {
            return send("GET", "/actuator/health", null, "viewer").status() == 200;
        } catch (IllegalStateException ex) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The base URL, {@code http://localhost:<port>}. */
    String url() {
        return "http://localhost:" + this.port;
    }

    int port() {
        return this.port;
    }

    /** Whether the lock is held now, asked as {@code viewer}. */
    boolean held(String lock) {
        Answer answer = send("GET", "/api/v1/locks/" + lock, null, "viewer");
        return answer.status() == 200 && answer.json() != null && answer.json().hasNonNull("holder");
    }

    /** The lock's holder as {@code GET /api/v1/locks/{ns}/{id}} answers it. */
    Answer inspect(String lock) {
        return send("GET", "/api/v1/locks/" + lock, null, "viewer");
    }

    /** Force-releases a lock as {@code admin}. */
    Answer forceRelease(String lock) {
        return send("DELETE", "/api/v1/locks/" + lock, null, "admin");
    }

    /**
     * Sends one call as one of the demo users.
     *
     * @param method the HTTP method
     * @param path the path, from {@code /api/v1}
     * @param body the JSON body or {@code null}
     * @param user the demo user, whose password is its name
     * @return the answer
     */
    Answer send(String method, String path, @Nullable String body, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            var response = this.http.send(request.build(), BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (JacksonException ex) {
            return new Answer(-1, null);
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Kills the server (SIGKILL, as a crash): its port refuses connections from now on. */
    void kill() {
        this.process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !this.process.isAlive());
    }

    /** Stops the server (SIGTERM, a graceful shutdown). */
    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

    /** An answer: status and JSON body, if any. */
    record Answer(int status, @Nullable JsonNode json) {}
}

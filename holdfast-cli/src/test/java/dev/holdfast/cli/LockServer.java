package dev.holdfast.cli;

import dev.holdfast.lock.server.LockServerApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real lock server (module {@code lock-server}) started in the test's JVM on a random port, on its in-memory
 * store, with the clients of its {@code demo} profile: {@code admin}, {@code worker}, {@code viewer} (password = name)
 * and the API key {@code demo-key}.
 */
final class LockServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;

    private final int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private LockServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    static LockServer start() {
        return new LockServer(new SpringApplicationBuilder(LockServerApplication.class)
                .profiles("demo")
                .properties(
                        "server.port=0",
                        "holdfast.store=memory",
                        "spring.jmx.enabled=false",
                        "spring.lifecycle.timeout-per-shutdown-phase=1s",
                        "logging.level.root=WARN")
                .run());
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
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the server: its port refuses connections from now on. */
    @Override
    public void close() {
        this.context.close();
    }

    /** An answer: status and JSON body, if any. */
    record Answer(int status, @Nullable JsonNode json) {}
}

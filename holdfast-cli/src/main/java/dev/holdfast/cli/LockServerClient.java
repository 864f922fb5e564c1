package dev.holdfast.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lock server's HTTP API v1 as the CLI calls it: JSON in and out, credentials on every request, errors as
 * {@link ServerProblem} (the server answered) or {@link ServerUnreachable} (it did not). Thread-safe.
 */
final class LockServerClient {

    /** The time allowed for a call beyond the wait it asks the server for. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final URI base;

    private final @Nullable String authorization;

    private final @Nullable String apiKey;

    private final HttpClient http;

    LockServerClient(URI server, @Nullable String user, @Nullable String password, @Nullable String apiKey) {
        String text = server.toString();
        this.base = URI.create((text.endsWith("/") ? text : text + "/") + "api/v1/");
        this.authorization = (user != null)
                ? "Basic "
                        + Base64.getEncoder()
                                .encodeToString((user + ":" + ((password != null) ? password : ""))
                                        .getBytes(StandardCharsets.UTF_8))
                : null;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A new empty JSON object to fill as a request body. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The JSON text of a node, pretty-printed. */
    static String pretty(JsonNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    JsonNode get(String path) {
        return send("GET", path, null, DEFAULT_TIMEOUT);
    }

    JsonNode post(String path, @Nullable JsonNode body, Duration timeout) {
        return send("POST", path, body, timeout);
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body, DEFAULT_TIMEOUT);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, DEFAULT_TIMEOUT);
    }

    /**
     * Sends one call.
     *
     * @param method the HTTP method
     * @param path the path below {@code /api/v1/}
     * @param body the JSON body, or {@code null} for none
     * @param timeout how long to wait for the answer
     * @return the answer's JSON, or an empty object for an answer without a body (204)
     * @throws ServerProblem when the server answers 4xx or 5xx
     * @throws ServerUnreachable when it does not answer in time or cannot be reached
     */
    JsonNode send(String method, String path, @Nullable JsonNode body, Duration timeout) {
        URI uri = this.base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout.isZero() || timeout.isNegative() ? Duration.ofMillis(1) : timeout)
                .header("Accept", "application/json, application/problem+json")
                .method(
                        method,
                        (body != null)
                                ? BodyPublishers.ofString(MAPPER.writeValueAsString(body), StandardCharsets.UTF_8)
                                : BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (this.authorization != null) {
            request.header("Authorization", this.authorization);
        }
        if (this.apiKey != null) {
            request.header("X-Api-Key", this.apiKey);
        }
        String call = method + " " + uri;
        HttpResponse<String> response;
        try {
            response = this.http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new ServerUnreachable(
                    call + " failed: " + ex.getClass().getSimpleName()
                            + ((ex.getMessage() != null) ? " " + ex.getMessage() : ""),
                    ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable(call + " interrupted", ex);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ServerProblem(call, response.statusCode(), json, response.body());
        }
        return (json != null) ? json : object();
    }

    private static @Nullable JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException ex) {
            return null;
        }
    }
}

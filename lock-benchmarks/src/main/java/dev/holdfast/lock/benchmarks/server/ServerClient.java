package dev.holdfast.lock.benchmarks.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP client of the lock server: its own {@link HttpClient} (HTTP/1.1, keep-alive) calling acquire and release
 * as the benchmark client, by API key ({@code X-Api-Key}) or HTTP Basic. Only the fencing token is read from a grant (a pattern, so that the load generator spends no
 * CPU on a JSON tree the server's cost is measured against).
 */
final class ServerClient {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*(\\d+)");

    private static final Pattern WAITERS = Pattern.compile("\"waiters\"\\s*:\\s*(\\d+)");

    private final HttpClient http;

    private final URI base;

    private final String[] authorization;

    ServerClient(URI base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), false);
    }

    /**
     * A client.
     *
     * @param base the server
     * @param http the HTTP client to send with
     * @param basic HTTP Basic rather than the API key
     */
    ServerClient(URI base, HttpClient http, boolean basic) {
        this.http = http;
        this.base = base;
        String credentials = ServerProcess.USER + ":" + ServerProcess.PASSWORD;
        this.authorization = basic
                ? new String[] {
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                }
                : new String[] {"X-Api-Key", ServerProcess.API_KEY};
    }

    /**
     * Acquire without waiting; fails when refused.
     *
     * @return the fencing token
     */
    long acquire(String namespace, String id, String owner) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(acquireRequest(namespace, id, owner, 0), HttpResponse.BodyHandlers.ofString());
        return token(namespace, id, response);
    }

    /**
     * Send an acquire that waits up to {@code waitMs} at the server.
     *
     * @return the response, on the client's executor
     */
    CompletableFuture<HttpResponse<String>> acquireAsync(String namespace, String id, String owner, long waitMs) {
        return http.sendAsync(acquireRequest(namespace, id, owner, waitMs), HttpResponse.BodyHandlers.ofString());
    }

    /** Release a grant; fails unless the server answers 204. */
    void release(String namespace, String id, String owner, long token) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(releaseRequest(namespace, id, owner, token), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("Release of lock [" + namespace + "/" + id + "] answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    /** Send a release without waiting for the answer. */
    CompletableFuture<HttpResponse<String>> releaseAsync(String namespace, String id, String owner, long token) {
        return http.sendAsync(releaseRequest(namespace, id, owner, token), HttpResponse.BodyHandlers.ofString());
    }

    /** Return the requests waiting for one lock, as {@code GET /api/v1/locks/{ns}/{id}} reports them. */
    int waiters(String namespace, String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/locks/" + namespace + "/" + id))
                .headers(authorization)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher matcher = WAITERS.matcher(response.body());
        return (response.statusCode() == 200 && matcher.find()) ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** Return the sum of the waiters of every held lock of a namespace ({@code GET /api/v1/locks?namespace=}). */
    int waitersIn(String namespace) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/locks?namespace=" + namespace))
                .headers(authorization)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        Matcher matcher = WAITERS.matcher(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        int sum = 0;
        while (matcher.find()) {
            sum += Integer.parseInt(matcher.group(1));
        }
        return sum;
    }

    static long token(String namespace, String id, HttpResponse<String> response) throws IOException {
        Matcher matcher = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IOException("Acquire of lock [" + namespace + "/" + id + "] answered " + response.statusCode()
                    + ": " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    private HttpRequest acquireRequest(String namespace, String id, String owner, long waitMs) {
        String body = "{\"owner\":\"" + owner + "\",\"leaseMs\":30000,\"waitMs\":" + waitMs + "}";
        return post(namespace, id, "acquire", body, Duration.ofMillis(waitMs + 30_000));
    }

    private HttpRequest releaseRequest(String namespace, String id, String owner, long token) {
        return post(
                namespace,
                id,
                "release",
                "{\"owner\":\"" + owner + "\",\"token\":" + token + "}",
                Duration.ofSeconds(30));
    }

    private HttpRequest post(String namespace, String id, String action, String body, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/locks/" + namespace + "/" + id + "/" + action))
                .headers(authorization)
                .header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}

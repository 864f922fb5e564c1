package dev.holdfast.lock.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP calls to the actuator of a running test server. */
public final class ActuatorHttp {

    private final HttpClient client = HttpClient.newHttpClient();

    private final int port;

    /**
     * Create a client for a server.
     *
     * @param port the server's port
     */
    public ActuatorHttp(int port) {
        this.port = port;
    }

    /**
     * Send a GET.
     *
     * @param path the path under {@code /actuator}
     * @return the response
     */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * Send a POST with a JSON body.
     *
     * @param path the path under {@code /actuator}
     * @param json the body
     * @return the response
     */
    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Send a DELETE.
     *
     * @param path the path under {@code /actuator}
     * @return the response
     */
    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/actuator" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

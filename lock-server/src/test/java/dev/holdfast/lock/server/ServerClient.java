package dev.holdfast.lock.server;

import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A test client of the lock server over its real port: answers every status as a response, never as an exception. */
final class ServerClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RestClient rest;

    private ServerClient(RestClient rest) {
        this.rest = rest;
    }

    /** A client with HTTP Basic credentials, or none when {@code user} is {@code null}. */
    static ServerClient basic(int port, @Nullable String user, @Nullable String password) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port);
        if (user != null) {
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials);
        }
        return new ServerClient(builder.build());
    }

    /** A client with an API key. */
    static ServerClient apiKey(int port, String key) {
        return new ServerClient(RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Api-Key", key)
                .build());
    }

    ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return call(HttpMethod.POST, path, body);
    }

    ResponseEntity<Map<String, Object>> get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, @Nullable Object body) {
        RestClient.RequestBodySpec spec = rest.method(method).uri(path);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.retrieve()
                .onStatus((status) -> true, (request, response) -> {})
                .toEntity(JSON);
    }
}

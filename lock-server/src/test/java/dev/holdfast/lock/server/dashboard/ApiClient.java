package dev.holdfast.lock.server.dashboard;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A client of the lock API over the real port with HTTP Basic: every status comes back as a response. */
final class ApiClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RestClient rest;

    ApiClient(int port, String user, String password) {
        this.rest = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders((headers) -> headers.setBasicAuth(user, password))
                .build();
    }

    ResponseEntity<Map<String, Object>> acquire(String lock, String owner, long leaseMs, long waitMs) {
        return call(
                HttpMethod.POST,
                "/api/v1/locks/" + lock + "/acquire",
                Map.of("owner", owner, "leaseMs", leaseMs, "waitMs", waitMs));
    }

    ResponseEntity<Map<String, Object>> renew(String lock, String owner, Object token) {
        return call(HttpMethod.POST, "/api/v1/locks/" + lock + "/renew", Map.of("owner", owner, "token", token));
    }

    ResponseEntity<Map<String, Object>> release(String lock, String owner, Object token) {
        return call(HttpMethod.POST, "/api/v1/locks/" + lock + "/release", Map.of("owner", owner, "token", token));
    }

    ResponseEntity<Map<String, Object>> delete(String path) {
        return call(HttpMethod.DELETE, path, null);
    }

    ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, Object body) {
        RestClient.RequestBodySpec spec = rest.method(method).uri(path);
        if (body != null) {
            spec.body(body);
        }
        return spec.retrieve()
                .onStatus((status) -> true, (request, response) -> {})
                .toEntity(JSON);
    }
}

package dev.holdfast.lock.server.api;

import dev.holdfast.lock.server.api.Sessions.View;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The session endpoints, {@code /api/v1/sessions}: open, keep alive (one call for every hold), close, list. */
@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Open a session.
     *
     * @param ttlMs the TTL in milliseconds; 10000 when absent
     */
    record OpenBody(@Nullable Long ttlMs) {}

    @PostMapping
    ResponseEntity<View> open(@RequestBody(required = false) @Nullable OpenBody body, Authentication client) {
        Sessions.Session session = sessions.open(client.getName(), (body != null) ? body.ttlMs() : null);
        return ResponseEntity.status(HttpStatus.CREATED).body(sessions.view(session));
    }

    @PostMapping("/{id}/keepalive")
    CompletableFuture<View> keepalive(@PathVariable String id, Authentication client) {
        return sessions.keepalive(client.getName(), id);
    }

    @DeleteMapping("/{id}")
    CompletableFuture<ResponseEntity<Void>> close(@PathVariable String id, Authentication client) {
        return sessions.close(client.getName(), id)
                .thenApply((done) -> ResponseEntity.noContent().build());
    }

    @GetMapping("/{id}")
    View inspect(@PathVariable String id, Authentication client) {
        return sessions.view(sessions.get(client.getName(), id));
    }

    @GetMapping
    Map<String, List<View>> list(Authentication client) {
        return Map.of("sessions", sessions.list(client.getName()));
    }
}

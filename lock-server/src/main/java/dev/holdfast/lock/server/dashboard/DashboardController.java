package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.server.api.ServerProblem;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Viewer;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/events}: the dashboard's server-sent events, for clients with the READ role. The page itself is
 * the static {@code /dashboard/index.html}, served at {@code /} and {@code /dashboard} (see
 * {@link DashboardConfiguration}).
 */
@RestController
class DashboardController {

    private final DashboardEvents events;

    DashboardController(DashboardEvents events) {
        this.events = events;
    }

    @GetMapping("/api/v1/events")
    SseEmitter events(Authentication client) {
        return events.connect(viewer(client));
    }

    /**
     * Answer a refused stream as a problem detail even to a client that accepts only {@code text/event-stream}, as
     * {@code EventSource} does: the preset content type skips the negotiation that would drop the body.
     */
    @ExceptionHandler(ServerProblem.class)
    ResponseEntity<ProblemDetail> refused(ServerProblem problem) {
        return ResponseEntity.status(problem.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.getBody());
    }

    static Viewer viewer(Authentication client) {
        List<String> roles = client.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter((authority) -> authority != null && authority.startsWith("ROLE_"))
                .map((authority) -> authority.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new Viewer(client.getName(), roles.contains("ADMIN"), roles);
    }
}

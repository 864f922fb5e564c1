package dev.holdfast.lock.server.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error of the lock server's API, answered as an RFC 9457 problem detail whose {@code type} is
 * {@code https://holdfast.dev/problems/<slug>}, with members naming the lock, semaphore or session at fault.
 */
public class ServerProblem extends ErrorResponseException {

    /** The prefix of every problem type of the API. */
    public static final String TYPE_PREFIX = "https://holdfast.dev/problems/";

    /**
     * Create a problem.
     *
     * @param status the HTTP status
     * @param slug the problem type's last segment
     * @param title a short summary of the problem type
     * @param detail the sentence naming what was at fault and the value
     * @param members extra members: {@code lock}, {@code semaphore}, {@code session}, {@code holder}
     */
    public ServerProblem(HttpStatus status, String slug, String title, String detail, Map<String, ?> members) {
        super(status, problem(status, slug, title, detail, members), null);
    }

    private static ProblemDetail problem(
            HttpStatus status, String slug, String title, String detail, Map<String, ?> members) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        members.forEach(problem::setProperty);
        return problem;
    }

    /**
     * A request body or path value that is not valid.
     *
     * @param detail the sentence naming the lock and the value
     * @return the problem
     */
    public static ServerProblem badRequest(String detail) {
        return new ServerProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, Map.of());
    }
}

package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.OfflineLock;
import dev.holdfast.lock.jpa.offline.OfflineLockNotAcquiredException;
import dev.holdfast.lock.jpa.offline.OfflineLockResult;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers an offline lock held by another owner with {@code 412 Precondition Failed} and an RFC 9457 problem detail
 * whose extension members name the lock's {@code key}, its {@code owner}, their {@code reason}, {@code since} and
 * {@code expiresAt}; a guarded request whose lock id or owner is not valid gets {@code 400 Bad Request}.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class OfflineLockProblemHandler {

    /** The problem type of a lock held by another owner. */
    public static final URI LOCKED_TYPE = URI.create("urn:holdfast:problem:offline-lock-held");

    /**
     * Answer a lock held by another owner.
     *
     * @param ex the exception, with who holds the lock
     * @return 412 with the problem detail
     */
    @ExceptionHandler(OfflineLockNotAcquiredException.class)
    public ResponseEntity<ProblemDetail> notAcquired(OfflineLockNotAcquiredException ex) {
        OfflineLockResult.NotAcquired result = ex.result();
        OfflineLock holder = result.holder();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, result.describe());
        problem.setType(LOCKED_TYPE);
        problem.setTitle("Locked by another owner");
        problem.setProperty("key", result.key().toString());
        problem.setProperty("owner", holder.owner());
        problem.setProperty("reason", holder.reason());
        problem.setProperty("since", holder.since().toString());
        problem.setProperty(
                "expiresAt", (holder.expiresAt() != null) ? holder.expiresAt().toString() : null);
        return ResponseEntity.of(problem).build();
    }

    /**
     * Answer a guarded request whose lock id or owner is not valid, such as an id that is too long.
     *
     * @param ex the validation failure, naming the lock and the value
     * @return 400 with the problem detail
     */
    @ExceptionHandler(OfflineLockBadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(OfflineLockBadRequestException ex) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()))
                .build();
    }
}

package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.InvalidLockTargetException;
import dev.holdfast.lock.jpa.offline.OfflineLockRefusedException;
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
 * Answers offline lock refusals with {@code 412 Precondition Failed} and an RFC 9457 problem detail whose extension
 * members name the target, holder, reason, since and expiry; invalid targets get {@code 400 Bad Request}.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class OfflineLockProblemHandler {

    /** The problem type of a refusal. */
    public static final URI LOCKED_TYPE = URI.create("urn:holdfast:problem:offline-lock-held");

    /**
     * Answer a refusal.
     *
     * @param ex the refusal
     * @return 412 with the problem detail
     */
    @ExceptionHandler(OfflineLockRefusedException.class)
    public ResponseEntity<ProblemDetail> refused(OfflineLockRefusedException ex) {
        OfflineLockResult.Refused refusal = ex.getRefusal();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, refusal.describe());
        problem.setType(LOCKED_TYPE);
        problem.setTitle("Locked by another holder");
        problem.setProperty("target", refusal.target().toString());
        problem.setProperty("holder", refusal.holder());
        problem.setProperty("reason", refusal.reason());
        problem.setProperty("since", refusal.since().toString());
        problem.setProperty(
                "expiresAt", (refusal.expiresAt() != null) ? refusal.expiresAt().toString() : null);
        return ResponseEntity.of(problem).build();
    }

    /**
     * Answer an invalid target, such as a missing id.
     *
     * @param ex the validation failure
     * @return 400 with the problem detail
     */
    @ExceptionHandler(InvalidLockTargetException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidLockTargetException ex) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()))
                .build();
    }
}

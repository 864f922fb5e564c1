package dev.holdfast.lock.spring.web;

import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockNotAcquiredException;
import java.net.URI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers lock exceptions that reach a Spring MVC or WebFlux handler with RFC 9457 problem details instead of a bare
 * 500.
 *
 * <p>A {@link LockNotAcquiredException} is {@code 409 Conflict}: the request conflicts with the current state of what
 * it locks, another owner holds it, and the client may repeat the request later. {@code 423 Locked} is not used: it
 * is WebDAV's status for a resource the client itself could unlock with a lock token (RFC 4918), which a Holdfast
 * lock, the server's own coordination, is not. The problem's {@code type} is {@link #NOT_ACQUIRED_TYPE}, its members
 * {@code lock} (the key, {@code room:101}), {@code name} (the key's namespace, {@code room}) and, only when the
 * application allows it, {@code owner} (the holder, often a user name). {@code Retry-After} gives the seconds left on
 * the holder's lease, rounded up, when the holder is known and its lock expires.
 *
 * <p>A {@link LockLostException} is {@code 500 Internal Server Error} of type {@link #LOST_TYPE}: the work done under
 * the lock may have overlapped another holder's.
 *
 * <p>The handler is ordered last ({@link Ordered#LOWEST_PRECEDENCE}) and, being auto-configured, registered after the
 * application's beans. Spring consults a controller's own {@code @ExceptionHandler} methods first, then advice in
 * order, and advice of equal order in registration order; so an application's {@code @ExceptionHandler} for these
 * exceptions (or a superclass of them), in a controller or in any {@code @ControllerAdvice}, wins.
 */
@ControllerAdvice
public class LockProblemHandler implements Ordered {

    /** The problem type of a lock that was not acquired. */
    public static final URI NOT_ACQUIRED_TYPE = URI.create("urn:holdfast:problem:lock-not-acquired");

    /** The problem type of a lock lost while a request held it. */
    public static final URI LOST_TYPE = URI.create("urn:holdfast:problem:lock-lost");

    private static final Log logger = LogFactory.getLog(LockProblemHandler.class);

    private final boolean exposeOwner;

    /**
     * Create a handler.
     *
     * @param exposeOwner whether problem details may name a lock's owner
     */
    public LockProblemHandler(boolean exposeOwner) {
        this.exposeOwner = exposeOwner;
    }

    /**
     * Answer a lock that was not acquired.
     *
     * @param ex the refusal
     * @return 409 with the problem detail, and {@code Retry-After} when the holder's lease has a known end
     */
    @ExceptionHandler(LockNotAcquiredException.class)
    public ResponseEntity<ProblemDetail> notAcquired(LockNotAcquiredException ex) {
        ProblemDetail problem = LockProblems.notAcquired(ex.result(), this.exposeOwner);
        ResponseEntity.HeadersBuilder<?> response = ResponseEntity.of(problem);
        LockProblems.retryAfterSeconds(ex.result().holder())
                .ifPresent((seconds) -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return response.build();
    }

    /**
     * Answer a lock lost while the request held it.
     *
     * @param ex the loss
     * @return 500 with the problem detail
     */
    @ExceptionHandler(LockLostException.class)
    public ResponseEntity<ProblemDetail> lost(LockLostException ex) {
        logger.warn("Answering 500: " + ex.getMessage());
        return ResponseEntity.of(LockProblems.lost(ex, this.exposeOwner)).build();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package dev.holdfast.sample.patients;

import dev.holdfast.lock.jpa.offline.web.OfflineLockOwnerResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Names the owner of a request's offline locks: the physician of the {@code X-Physician} header; a real application
 * would use its security principal.
 */
@Component
class PhysicianOwnerResolver implements OfflineLockOwnerResolver {

    static final String HEADER = "X-Physician";

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        return physician(request);
    }

    /** The physician; a request without one is refused with a 401 problem detail that says what to send. */
    static String physician(HttpServletRequest request) {
        String physician = request.getHeader(HEADER);
        if (physician == null || physician.isBlank()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNAUTHORIZED, "Name the physician in the " + HEADER + " header, such as 'Dr Green'.");
            problem.setTitle("Physician missing");
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
        }
        return physician;
    }
}

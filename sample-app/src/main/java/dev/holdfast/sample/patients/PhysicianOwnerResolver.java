package dev.holdfast.sample.patients;

import dev.holdfast.lock.jpa.offline.web.OfflineLockOwnerResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Names the owner of a request's offline locks: the physician of the {@code X-Physician} header; a real application
 * would use its security principal.
 */
@Component
class PhysicianOwnerResolver implements OfflineLockOwnerResolver {

    static final String HEADER = "X-Physician";

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        return request.getHeader(HEADER);
    }
}

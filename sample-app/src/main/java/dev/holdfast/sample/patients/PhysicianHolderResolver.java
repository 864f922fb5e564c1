package dev.holdfast.sample.patients;

import dev.holdfast.lock.jpa.offline.web.HolderResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Takes the physician from the {@code X-Physician} header; a real application would use its security principal. */
@Component
class PhysicianHolderResolver implements HolderResolver {

    static final String HEADER = "X-Physician";

    @Override
    public @Nullable String resolveHolder(HttpServletRequest request) {
        return request.getHeader(HEADER);
    }
}

package dev.holdfast.lock.jpa.offline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/** Names the holder of offline locks taken for a web request: the current user. Declare a bean to replace it. */
@FunctionalInterface
public interface HolderResolver {

    /**
     * Return the holder for a request.
     *
     * @param request the request
     * @return the holder, or {@code null} when the request has no user (answered with 401 Unauthorized)
     */
    @Nullable
    String resolveHolder(HttpServletRequest request);

    /**
     * Return the default resolver: the name of the request's {@link Principal}.
     *
     * @return the resolver
     */
    static HolderResolver principal() {
        return (request) -> {
            Principal principal = request.getUserPrincipal();
            return (principal != null) ? principal.getName() : null;
        };
    }
}

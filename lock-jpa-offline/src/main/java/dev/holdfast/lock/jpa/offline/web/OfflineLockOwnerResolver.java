package dev.holdfast.lock.jpa.offline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * Names the owner of the offline locks an {@link dev.holdfast.lock.jpa.offline.OfflineLocked} handler takes: the
 * current user of the request. Declare a bean of this type to replace the standard one (the request's
 * {@link Principal}). The offline-lock counterpart of {@code @Locked}'s {@code LockOwnerResolver}.
 */
@FunctionalInterface
public interface OfflineLockOwnerResolver {

    /**
     * Return the owner for a request.
     *
     * @param request the request
     * @return the owner, or {@code null} when the request has no user (answered with 401 Unauthorized)
     */
    @Nullable
    String resolve(HttpServletRequest request);

    /**
     * Return the standard resolver: the name of the request's {@link Principal}.
     *
     * @return the resolver
     */
    static OfflineLockOwnerResolver principal() {
        return (request) -> {
            Principal principal = request.getUserPrincipal();
            return (principal != null) ? principal.getName() : null;
        };
    }
}

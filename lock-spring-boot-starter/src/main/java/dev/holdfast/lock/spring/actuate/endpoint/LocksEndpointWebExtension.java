package dev.holdfast.lock.spring.actuate.endpoint;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link LocksEndpoint}: answers 404 Not Found for a key
 * nothing holds, and 204 No Content once a lock or a grant was force-released.
 */
@EndpointWebExtension(endpoint = LocksEndpoint.class)
public class LocksEndpointWebExtension {

    private final LocksEndpoint delegate;

    /**
     * Create the extension.
     *
     * @param delegate the endpoint
     */
    public LocksEndpointWebExtension(LocksEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Show one lock, semaphore or read/write lock.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path
     * @return the lock or semaphore with 200, or 404 when nothing holds the key
     */
    @ReadOperation
    public WebEndpointResponse<HeldDescriptor> lock(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        HeldDescriptor lock = delegate.lock(namespace, id);
        return (lock != null)
                ? new WebEndpointResponse<>(lock, WebEndpointResponse.STATUS_OK)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * Free one lock whoever holds it, or with {@code ?token=} one grant of a semaphore or read/write lock.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path
     * @param token the fencing token of the grant to free, or {@code null} to free the lock
     * @return 204 when something held was freed, 404 when it was free
     */
    @DeleteOperation
    public WebEndpointResponse<Void> release(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id, @Nullable Long token) {
        boolean freed = delegate.release(namespace, id, token);
        return new WebEndpointResponse<>(
                freed ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
    }
}

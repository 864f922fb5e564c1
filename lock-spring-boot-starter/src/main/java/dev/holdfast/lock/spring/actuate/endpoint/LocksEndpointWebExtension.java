package dev.holdfast.lock.spring.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link LocksEndpoint}: answers 404 Not Found for a lock
 * that is not held, and 204 No Content once a lock was force-released.
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
     * Show one lock.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path
     * @return the lock with 200, or 404 when it is free
     */
    @ReadOperation
    public WebEndpointResponse<LockDescriptor> lock(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        LockDescriptor lock = delegate.lock(namespace, id);
        return (lock != null)
                ? new WebEndpointResponse<>(lock, WebEndpointResponse.STATUS_OK)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * Free one lock whoever holds it.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path
     * @return 204 when a held lock was freed, 404 when it was free
     */
    @DeleteOperation
    public WebEndpointResponse<Void> release(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        boolean freed = delegate.release(namespace, id);
        return new WebEndpointResponse<>(
                freed ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
    }
}

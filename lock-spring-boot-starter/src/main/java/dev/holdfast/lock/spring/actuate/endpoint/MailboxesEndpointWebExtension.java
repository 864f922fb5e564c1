package dev.holdfast.lock.spring.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link MailboxesEndpoint}: answers 404 Not Found for a
 * mailbox that holds nothing or a dead letter that is not there, and 204 No Content once a dead letter was requeued
 * ({@code POST} with {@code {"callId": …}}) or discarded ({@code DELETE} with {@code ?callId=}).
 */
@EndpointWebExtension(endpoint = MailboxesEndpoint.class)
public class MailboxesEndpointWebExtension {

    private final MailboxesEndpoint delegate;

    /**
     * Create the extension.
     *
     * @param delegate the endpoint
     */
    public MailboxesEndpointWebExtension(MailboxesEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Show one mailbox.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path
     * @return the mailbox with 200, or 404 when it holds nothing and nobody runs it
     */
    @ReadOperation
    public WebEndpointResponse<MailboxDescriptor> mailbox(
            @Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id) {
        MailboxDescriptor mailbox = delegate.mailbox(type, id);
        return (mailbox != null)
                ? new WebEndpointResponse<>(mailbox, WebEndpointResponse.STATUS_OK)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * Requeue a dead letter, then drain its mailbox.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path
     * @param callId the dead letter's call id
     * @return 204 when requeued, 404 when there is no such dead letter
     */
    @WriteOperation
    public WebEndpointResponse<Void> requeue(
            @Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id, String callId) {
        return status(delegate.requeue(type, id, callId));
    }

    /**
     * Discard a dead letter.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path
     * @param callId the dead letter's call id
     * @return 204 when discarded, 404 when there is no such dead letter
     */
    @DeleteOperation
    public WebEndpointResponse<Void> discard(
            @Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id, String callId) {
        return status(delegate.discard(type, id, callId));
    }

    private static WebEndpointResponse<Void> status(boolean done) {
        return new WebEndpointResponse<>(
                done ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
    }
}

package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.mailbox.MailboxInspector;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.MailboxSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} {@code mailboxes}: per registered mailbox type, what its mailboxes hold on every instance
 * (frames, the oldest head frame's enqueue time, dead letters) and the mailboxes that hold frames or dead letters, each
 * with its depth, who runs it now and its dead letters; one mailbox by type and id; and an operator's requeue or
 * discard of a dead letter.
 *
 * <p>Reading is allowed by default; requeue and discard are write operations, available only when
 * {@code management.endpoint.mailboxes.access} is {@code unrestricted}. A requeued frame goes to the tail of its
 * mailbox, and the mailbox is then drained on the endpoint's executor, so the frame runs without waiting for the next
 * call. Ids may hold any characters, slashes included: the id is the rest of the path after the type.
 */
@Endpoint(id = "mailboxes", defaultAccess = Access.READ_ONLY)
public class MailboxesEndpoint {

    private static final Log logger = LogFactory.getLog(MailboxesEndpoint.class);

    private final Mailboxes mailboxes;

    private final MailboxInspector inspector;

    private final Executor executor;

    /**
     * Create the endpoint.
     *
     * @param mailboxes the mailboxes shown
     * @param executor runs the drain of a mailbox after a requeue
     */
    public MailboxesEndpoint(Mailboxes mailboxes, Executor executor) {
        this.mailboxes = mailboxes;
        this.inspector = mailboxes.inspector();
        this.executor = executor;
    }

    /**
     * List every registered type's summary and the mailboxes holding frames or dead letters.
     *
     * @param type only this type, or {@code null} for all
     * @param limit the most mailboxes of each type, {@value LocksEndpoint#DEFAULT_LIMIT} when {@code null}, capped at
     *     {@value LocksEndpoint#MAX_LIMIT}
     * @return the types
     * @throws InvalidEndpointRequestException when the limit is below 1 or the type is not registered
     */
    @ReadOperation
    public MailboxesDescriptor mailboxes(@Nullable String type, @Nullable Integer limit) {
        int bound = bound(limit);
        List<String> types = (type != null && !type.isBlank()) ? List.of(registered(type.strip())) : inspector.types();
        Map<String, MailboxesDescriptor.TypeDescriptor> described = new LinkedHashMap<>();
        for (String each : types) {
            MailboxSummary summary = inspector.summary(each);
            List<String> ids = inspector.mailboxes(each, bound + 1);
            described.put(
                    each,
                    new MailboxesDescriptor.TypeDescriptor(
                            summary.depth(),
                            summary.mailboxes(),
                            summary.oldestEnqueuedAt(),
                            summary.deadLetters(),
                            summary.mailboxesWithDeadLetters(),
                            ids.stream()
                                    .limit(bound)
                                    .map((id) -> describe(each, id))
                                    .toList(),
                            ids.size() > bound));
        }
        return new MailboxesDescriptor(described, bound);
    }

    /**
     * Show one mailbox: its depth, who runs it and its dead letters.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path (segments joined with {@code /})
     * @return the mailbox, or {@code null} when it holds no frame nor dead letter and nobody runs it
     * @throws InvalidEndpointRequestException when the type is not registered or the id is not valid
     */
    @ReadOperation
    public @Nullable MailboxDescriptor mailbox(
            @Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id) {
        MailboxDescriptor mailbox = describe(registered(type), id(type, id));
        boolean empty = mailbox.depth() == 0
                && mailbox.running() == null
                && mailbox.deadLetters().isEmpty();
        return empty ? null : mailbox;
    }

    /**
     * Move a dead letter back to the tail of its mailbox, with its attempts reset, then drain the mailbox.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path
     * @param callId the dead letter's call id
     * @return {@code true} when requeued, {@code false} when the mailbox has no such dead letter
     * @throws InvalidEndpointRequestException when the type is not registered or the id is not valid
     */
    @WriteOperation
    public boolean requeue(@Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id, String callId) {
        String entity = id(registered(type), id);
        boolean requeued = mailboxes.requeue(type, entity, callId);
        logger.warn("Requeue of dead letter [" + callId + "] of mailbox [" + type + ":" + entity
                + "] asked through the mailboxes endpoint: " + (requeued ? "requeued" : "no such dead letter"));
        if (requeued) {
            executor.execute(() -> drain(type, entity));
        }
        return requeued;
    }

    /**
     * Drop a dead letter for good.
     *
     * @param type the mailbox type
     * @param id the entity id, as the rest of the path
     * @param callId the dead letter's call id
     * @return {@code true} when dropped, {@code false} when the mailbox has no such dead letter
     * @throws InvalidEndpointRequestException when the type is not registered or the id is not valid
     */
    @DeleteOperation
    public boolean discard(@Selector String type, @Selector(match = Match.ALL_REMAINING) String[] id, String callId) {
        String entity = id(registered(type), id);
        boolean discarded = mailboxes.discard(type, entity, callId);
        logger.warn("Discard of dead letter [" + callId + "] of mailbox [" + type + ":" + entity
                + "] asked through the mailboxes endpoint: " + (discarded ? "discarded" : "no such dead letter"));
        return discarded;
    }

    private MailboxDescriptor describe(String type, String id) {
        return new MailboxDescriptor(
                type,
                id,
                mailboxes.depth(type, id),
                inspector.running(type, id).map(MailboxDescriptor.Running::of).orElse(null),
                mailboxes.deadLetters(type, id).stream()
                        .map(MailboxDescriptor.DeadLetterDescriptor::of)
                        .toList());
    }

    private void drain(String type, String id) {
        try {
            mailboxes.drain(type, id);
        } catch (RuntimeException ex) {
            logger.warn(
                    "Drain of mailbox [" + type + ":" + id + "] after a requeue failed; its frames stay queued", ex);
        }
    }

    private String registered(String type) {
        if (!inspector.types().contains(type)) {
            String message = "Mailbox type [" + type + "] is not registered; registered: " + inspector.types();
            throw new InvalidEndpointRequestException(message, message);
        }
        return type;
    }

    private static String id(String type, String[] id) {
        try {
            return LocksEndpoint.key(type, id).id();
        } catch (InvalidEndpointRequestException ex) {
            String message =
                    "Mailbox [" + type + ":" + String.join("/", id) + "] is not a valid mailbox: " + ex.getReason();
            throw new InvalidEndpointRequestException(message, message);
        }
    }

    private static int bound(@Nullable Integer limit) {
        if (limit == null) {
            return LocksEndpoint.DEFAULT_LIMIT;
        }
        if (limit < 1) {
            String message = "Mailbox list limit must be at least 1, but was " + limit;
            throw new InvalidEndpointRequestException(message, message);
        }
        return Math.min(limit, LocksEndpoint.MAX_LIMIT);
    }
}

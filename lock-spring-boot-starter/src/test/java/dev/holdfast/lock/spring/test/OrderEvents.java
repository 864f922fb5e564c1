package dev.holdfast.lock.spring.test;

import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.MailboxContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The handler of the test mailbox type {@value #TYPE}: applies events in order and records them as
 * {@code <id>:<payload>}; an event containing {@code poison} fails until {@link #heal healed}.
 */
public final class OrderEvents implements FrameHandler {

    /** The mailbox type. */
    public static final String TYPE = "orders";

    private final List<String> applied = new CopyOnWriteArrayList<>();

    private final Set<String> healed = ConcurrentHashMap.newKeySet();

    @Override
    public @Nullable String handle(String payload) {
        String id = MailboxContext.current().orElseThrow().mailbox().id();
        if (payload.contains("poison") && !healed.contains(payload)) {
            throw new IllegalStateException("cannot apply " + payload);
        }
        applied.add(id + ":" + payload);
        return "applied " + payload;
    }

    /**
     * Let a poison event apply from now on (a fixed handler after a redeploy).
     *
     * @param payload the event
     */
    public void heal(String payload) {
        healed.add(payload);
    }

    /**
     * Return the events applied, in order.
     *
     * @return {@code <id>:<payload>} each
     */
    public List<String> applied() {
        return List.copyOf(applied);
    }
}

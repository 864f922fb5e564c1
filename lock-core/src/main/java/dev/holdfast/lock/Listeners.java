package dev.holdfast.lock;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every listener of one template what happened, guarding each so that one failure neither stops the others nor
 * the caller.
 */
final class Listeners {

    private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

    private final List<LockListener> listeners;

    private final String store;

    Listeners(List<LockListener> listeners, String store) {
        this.listeners = List.copyOf(listeners);
        this.store = store;
    }

    /** Report an event of a granted lease. */
    void fire(
            BiConsumer<LockListener, LockEvent> method,
            TemplateLease lease,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error) {
        fire(
                method,
                new LockEvent(
                        lease.key(),
                        lease.name(),
                        store,
                        lease.kind(),
                        lease.owner(),
                        lease.priority(),
                        lease.token(),
                        other,
                        elapsed,
                        error,
                        null));
    }

    /** Report an event of a plain lock's request, granted or not. */
    void fire(
            BiConsumer<LockListener, LockEvent> method,
            LockRequest request,
            String owner,
            long token,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        fire(
                method,
                request.key(),
                request.name(),
                LockKind.LOCK,
                owner,
                request.priority(),
                token,
                other,
                elapsed,
                error,
                reason);
    }

    /** Report an event of a request of any kind, granted or not. */
    void fire(
            BiConsumer<LockListener, LockEvent> method,
            LockKey key,
            String name,
            LockKind kind,
            String owner,
            int priority,
            long token,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        fire(method, new LockEvent(key, name, store, kind, owner, priority, token, other, elapsed, error, reason));
    }

    private void fire(BiConsumer<LockListener, LockEvent> method, LockEvent event) {
        for (LockListener listener : listeners) {
            try {
                method.accept(listener, event);
            } catch (RuntimeException ex) {
                logger.warn("Lock listener {} failed for lock [{}]", listener, event.key(), ex);
            }
        }
    }
}

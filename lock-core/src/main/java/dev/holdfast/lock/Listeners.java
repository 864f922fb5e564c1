package dev.holdfast.lock;

import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, guarding each so that one failure neither stops the others nor the caller. */
final class Listeners {

    private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

    private final List<LockListener> listeners;

    Listeners(List<LockListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void fire(BiConsumer<LockListener, LockEvent> method, LockEvent event) {
        for (LockListener listener : listeners) {
            try {
                method.accept(listener, event);
            } catch (RuntimeException ex) {
                logger.warn("Lock listener {} failed for lock [{}]", listener, event.key(), ex);
            }
        }
    }
}

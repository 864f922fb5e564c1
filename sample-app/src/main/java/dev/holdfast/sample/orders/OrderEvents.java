package dev.holdfast.sample.orders;

import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.spring.mailbox.Mailbox;
import dev.holdfast.sample.orders.AppliedEvent.Applied;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the events of orders through the mailbox of each order: one at a time per order, in arrival order, on
 * whichever instance holds the order's mailbox. Each event is numbered after the ones before it (a read, then a
 * write, safe only because nothing else of the order runs meanwhile) in a transaction of its own; the mailbox
 * delivers at least once, so a redelivered call returns the row it wrote before instead of writing another.
 */
@Service
public class OrderEvents {

    private static final String PAID = "paid";

    private static final String REFUNDED = "refunded";

    private final AppliedEventRepository events;

    OrderEvents(AppliedEventRepository events) {
        this.events = events;
    }

    /**
     * Apply an event to an order.
     *
     * @param orderId the order
     * @param event the event
     * @return the event as applied, with its number
     * @throws PoisonEventException for a {@code refunded} event of an order not {@code paid} yet, on every attempt
     *     (after its last one it waits in the order's dead letters until an operator requeues it)
     */
    @Mailbox(type = "orders", key = "#orderId")
    @Transactional
    public Applied apply(String orderId, OrderEvent event) {
        MailboxContext frame = MailboxContext.current().orElseThrow();
        if (frame.redelivery()) {
            Applied before = this.events
                    .findByCallId(frame.callId())
                    .map(AppliedEvent::view)
                    .orElse(null);
            if (before != null) {
                return before;
            }
        }
        if (REFUNDED.equals(event.type()) && !this.events.existsByOrderIdAndType(orderId, PAID)) {
            throw new PoisonEventException("Event 'refunded' of order " + orderId
                    + " cannot be applied before the order is paid (attempt " + frame.attempt() + ")");
        }
        int seq = this.events.countByOrderId(orderId) + 1;
        return this.events
                .save(new AppliedEvent(orderId, seq, event, frame.callId()))
                .view();
    }

    /**
     * Return an order's history.
     *
     * @param orderId the order
     * @return its applied events, in order
     */
    @Transactional(readOnly = true)
    public List<Applied> history(String orderId) {
        return this.events.findByOrderIdOrderBySeq(orderId).stream()
                .map(AppliedEvent::view)
                .toList();
    }
}

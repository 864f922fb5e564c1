package dev.holdfast.sample.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.jspecify.annotations.Nullable;

/**
 * An event applied to an order: its number in the order's history (unique per order, so two events applied at once
 * would collide) and the mailbox call that applied it (unique, so a redelivered call finds its own row).
 */
@Entity
@Table(
        name = "order_event",
        uniqueConstraints = {
            @UniqueConstraint(columnNames = {"order_id", "seq"}),
            @UniqueConstraint(columnNames = "call_id")
        })
public class AppliedEvent {

    @Id
    @GeneratedValue
    private Long id;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(nullable = false)
    private int seq;

    @Column(nullable = false)
    private String type;

    private @Nullable String note;

    @Column(name = "call_id", nullable = false)
    private String callId;

    protected AppliedEvent() {}

    AppliedEvent(String orderId, int seq, OrderEvent event, String callId) {
        this.orderId = orderId;
        this.seq = seq;
        this.type = event.type();
        this.note = event.note();
        this.callId = callId;
    }

    /** Return the event as the API shows it. */
    Applied view() {
        return new Applied(this.orderId, this.seq, this.type, this.note);
    }

    /**
     * An applied event as the API shows it.
     *
     * @param order the order
     * @param seq its number in the order's history, from 1
     * @param type what happened
     * @param note the note, or {@code null}
     */
    public record Applied(
            String order, int seq, String type, @Nullable String note) {}
}

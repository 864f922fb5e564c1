/**
 * The orders story (a mailbox through {@code @Mailbox}): the events of one order arrive concurrently on any instance
 * ({@code POST /orders/{id}/events}) and are applied strictly one at a time, in arrival order, each numbered after the
 * ones before it without a race; a poison event (a refund before the payment) fails every attempt and moves to the
 * order's dead letters without holding up the events behind it, and once the payment arrived an operator requeues it
 * through the actuator endpoint {@code mailboxes}, and it applies.
 */
@NullMarked
package dev.holdfast.sample.orders;

import org.jspecify.annotations.NullMarked;

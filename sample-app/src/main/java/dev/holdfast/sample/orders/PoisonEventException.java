package dev.holdfast.sample.orders;

/**
 * Thrown for an event that cannot be applied to the order as it is (a refund before the payment); after its last
 * attempt it waits in the order's dead letters, where an operator requeues it once its cause is fixed.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}

package dev.holdfast.sample.orders;

/** Thrown for an event that can never be applied; after its last attempt it waits in the order's dead letters. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}

package dev.holdfast.lock.spring.aop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds a caller inside a locked method until the test opens it. */
final class Gate {

    private final CountDownLatch entered = new CountDownLatch(1);

    private final CountDownLatch open;

    private Gate(boolean open) {
        this.open = new CountDownLatch(open ? 0 : 1);
    }

    static Gate closed() {
        return new Gate(false);
    }

    static Gate opened() {
        return new Gate(true);
    }

    void pass() {
        this.entered.countDown();
        try {
            if (!this.open.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate was never opened");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    void awaitEntered() throws InterruptedException {
        if (!this.entered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("nobody entered the gate");
        }
    }

    void open() {
        this.open.countDown();
    }
}

package dev.holdfast.lock.memory;

import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A waiter on one in-memory lock, signalled when it is released. */
final class MemoryWatch implements LockWatch {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition released = lock.newCondition();

    private final Runnable onClose;

    private boolean signalled;

    MemoryWatch(Runnable onClose) {
        this.onClose = onClose;
    }

    void signal() {
        lock.lock();
        try {
            signalled = true;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean await(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lockInterruptibly();
        try {
            while (!signalled && nanos > 0) {
                nanos = released.awaitNanos(nanos);
            }
            boolean woken = signalled;
            signalled = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}

package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A waiter on one Redis lock, signalled by the store's release subscription. Each wait is also capped by a re-check
 * interval, so a release message lost while the subscription reconnects costs at most that interval.
 */
final class RedisWatch implements LockWatch {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition released = lock.newCondition();

    private final String lockKey;

    private final long recheckNanos;

    private final Consumer<RedisWatch> onClose;

    private boolean signalled;

    private boolean closed;

    RedisWatch(String lockKey, Duration recheck, Consumer<RedisWatch> onClose) {
        this.lockKey = lockKey;
        this.recheckNanos = recheck.toNanos();
        this.onClose = onClose;
    }

    String lockKey() {
        return lockKey;
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
        long nanos = Math.min(max.toNanos(), recheckNanos);
        lock.lockInterruptibly();
        try {
            while (!signalled && nanos > 0) {
                nanos = released.awaitNanos(nanos);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
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
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }
}

package dev.holdfast.lock.benchmarks.leases;

import dev.holdfast.lock.spi.LockStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a store so that the watchdog's {@link LockStore#renewAll} calls (one per tick) are counted and timed; every
 * other call passes straight through.
 */
final class RenewCounter implements InvocationHandler {

    final AtomicLong ticks = new AtomicLong();

    final AtomicLong renewed = new AtomicLong();

    final AtomicLong lost = new AtomicLong();

    final AtomicLong nanos = new AtomicLong();

    final AtomicLong maxNanos = new AtomicLong();

    private final LockStore store;

    private RenewCounter(LockStore store) {
        this.store = store;
    }

    /**
     * Wrap a store, keeping every interface it implements.
     *
     * @param store the store
     * @return the counter, whose {@link #store()} is the wrapped store
     */
    static RenewCounter of(LockStore store) {
        return new RenewCounter(store);
    }

    LockStore store() {
        return (LockStore) Proxy.newProxyInstance(
                LockStore.class.getClassLoader(), store.getClass().getInterfaces(), this);
    }

    void reset() {
        ticks.set(0);
        renewed.set(0);
        lost.set(0);
        nanos.set(0);
        maxNanos.set(0);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean renewAll = "renewAll".equals(method.getName());
        long start = System.nanoTime();
        try {
            Object result = method.invoke(store, args);
            if (renewAll) {
                long took = System.nanoTime() - start;
                ticks.incrementAndGet();
                renewed.addAndGet(((Collection<?>) args[0]).size());
                lost.addAndGet(((Collection<?>) result).size());
                nanos.addAndGet(took);
                maxNanos.accumulateAndGet(took, Math::max);
            }
            return result;
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}

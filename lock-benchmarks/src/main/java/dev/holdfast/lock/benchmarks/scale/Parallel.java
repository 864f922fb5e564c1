package dev.holdfast.lock.benchmarks.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** Small helpers of the scale suite: spread numbered work over threads, and wait for a condition. */
final class Parallel {

    /** The threads that acquire and release in bulk: as many as a pool has connections. */
    static final int THREADS = 8;

    private Parallel() {}

    /**
     * Run {@code work} for every number in {@code [from, to)} on {@link #THREADS} threads.
     *
     * @throws Exception the first failure of the work
     */
    static void forEach(long from, long to, LongConsumer work) throws Exception {
        AtomicLong next = new AtomicLong(from);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (long n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
                        work.accept(n);
                    }
                }));
            }
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (ExecutionException ex) {
                    next.set(to);
                    throw (ex.getCause() instanceof Exception cause) ? cause : ex;
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Wait until {@code condition} holds, checking every 10 ms.
     *
     * @param what what is waited for, for the failure
     * @param seconds the longest wait
     * @throws IllegalStateException when it did not hold in time
     */
    static void until(String what, long seconds, BooleanSupplier condition) {
        if (!within(seconds, condition)) {
            throw new IllegalStateException("Gave up after " + seconds + " s waiting for " + what);
        }
    }

    /**
     * Wait until {@code condition} holds, checking every 10 ms, for at most {@code seconds}.
     *
     * @return whether it held in time
     */
    static boolean within(long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }
}

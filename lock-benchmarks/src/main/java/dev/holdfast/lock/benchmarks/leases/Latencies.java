package dev.holdfast.lock.benchmarks.leases;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Acquire latencies: threads each take and release a lock of their own as fast as they can for a while; the time of
 * each {@code tryAcquire} is kept (the release is not timed).
 *
 * @param samples how many acquires
 * @param p50 the median, ms
 * @param p99 the 99th percentile, ms
 */
record Latencies(int samples, double p50, double p99) {

    static Latencies sample(LockTemplate template, String namespace, String name, int threads, Duration time)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + time.toNanos();
        try {
            @SuppressWarnings("unchecked")
            Future<long[]>[] parts = new Future[threads];
            for (int t = 0; t < threads; t++) {
                LockRequest request = LockRequest.of(namespace, "sample-" + name + "-" + t)
                        .lease(Duration.ofSeconds(30))
                        .build();
                parts[t] = pool.submit(() -> {
                    long[] taken = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        LockResult result = template.tryAcquire(request);
                        long took = System.nanoTime() - start;
                        if (!(result instanceof LockResult.Acquired acquired)) {
                            throw new IllegalStateException("Lock [" + request.key() + "] was refused: " + result);
                        }
                        acquired.lease().close();
                        if (n == taken.length) {
                            taken = Arrays.copyOf(taken, n * 2);
                        }
                        taken[n++] = took;
                    }
                    return Arrays.copyOf(taken, n);
                });
            }
            long[] all = new long[0];
            for (Future<long[]> part : parts) {
                long[] some = part.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + some.length);
                System.arraycopy(some, 0, all, from, some.length);
            }
            Arrays.sort(all);
            if (all.length == 0) {
                return new Latencies(0, Double.NaN, Double.NaN);
            }
            return new Latencies(
                    all.length,
                    all[(int) Math.ceil(all.length * 0.50) - 1] / 1e6,
                    all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }
}

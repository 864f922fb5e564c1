package dev.holdfast.lock.benchmarks.mailbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Enqueue-to-result latency at a fixed offered rate, open loop: call {@code i} is due at {@code start + i × interval}
 * and handed at that time to a pool of callers large enough never to be the bottleneck; its latency is measured from
 * when it was due, not from when a thread was free to send it, so a stall delays (and counts against) every call due
 * during it instead of hiding them (no coordinated omission). The calls go to 1,000 mailboxes at random; the first
 * {@code warmup} are dropped.
 */
final class OpenLoop {

    /** Callers in flight at most: far above rate × latency at the targets. */
    private static final int CALLERS = 64;

    private OpenLoop() {}

    /**
     * Measure a contender.
     *
     * @param contender the contender, open
     * @param run a prefix for its mailboxes
     * @param rate calls per second offered
     * @param warmup calls dropped first
     * @param measured calls measured after them
     * @return the latencies in nanoseconds, sorted; a call that failed counts as {@link Long#MAX_VALUE}
     * @throws InterruptedException when interrupted waiting for the calls
     */
    static long[] measure(MailboxContender contender, String run, int rate, int warmup, int measured)
            throws InterruptedException {
        int total = warmup + measured;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int call = i;
                callers.execute(() -> {
                    String entity = run + "-e" + ThreadLocalRandom.current().nextInt(Clients.MAILBOXES);
                    try {
                        contender.call(entity, "open-" + call);
                        latencies[call] = System.nanoTime() - due;
                    } catch (RuntimeException ex) {
                        failures.incrementAndGet();
                        latencies[call] = Long.MAX_VALUE;
                    }
                });
            }
        } finally {
            callers.shutdown();
        }
        if (!callers.awaitTermination(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            callers.shutdownNow();
            throw new IllegalStateException("Open-loop calls still running after 2 minutes");
        }
        if (failures.get() > 0) {
            System.out.printf("open loop: %d call(s) failed%n", failures.get());
        }
        long[] kept = Arrays.copyOfRange(latencies, warmup, total);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Return a percentile of sorted latencies in milliseconds.
     *
     * @param sorted the latencies in nanoseconds, sorted
     * @param percentile the percentile, such as 0.99
     * @return the latency in ms, or infinity when that call failed
     */
    static double millis(long[] sorted, double percentile) {
        long value = sorted[(int) Math.ceil(sorted.length * percentile) - 1];
        return (value == Long.MAX_VALUE) ? Double.POSITIVE_INFINITY : value / 1_000_000.0;
    }
}

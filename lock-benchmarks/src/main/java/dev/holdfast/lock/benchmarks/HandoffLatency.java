package dev.holdfast.lock.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The hand-off latency, from the moment a holder starts its release to the moment the waiting client's
 * acquire returns. Two independent clients play ping-pong on one key: the holder waits until the other client has
 * been waiting for {@link #PARKED} (so it is parked, not spinning into the release), notes the time, releases; the
 * waiter notes the time its acquire returned. The first {@link #WARMUP} hand-offs are dropped.
 */
public final class HandoffLatency {

    /** How long a holder lets the waiter wait before releasing. */
    static final Duration PARKED = Duration.ofMillis(2);

    static final int WARMUP = 50;

    private final String name;

    private final Supplier<? extends Client> clients;

    private final int rounds;

    private final long deadline;

    private final String id;

    private final long[] samples;

    private final AtomicInteger count = new AtomicInteger();

    private final AtomicInteger holder = new AtomicInteger(-1);

    private final AtomicInteger waiting = new AtomicInteger(-1);

    private final AtomicLong releasedAt = new AtomicLong();

    private volatile boolean stop;

    private HandoffLatency(String name, Supplier<? extends Client> clients, int rounds, Duration budget) {
        this.name = name;
        this.clients = clients;
        this.rounds = rounds + WARMUP;
        this.deadline = System.nanoTime() + budget.toNanos();
        this.id = "handoff-" + name;
        this.samples = new long[this.rounds];
    }

    /**
     * Measure one contender.
     *
     * @param name the contender's name
     * @param clients opens one client of the library (its own connections, as one application instance)
     * @param rounds how many hand-offs to keep
     * @param budget the longest time to spend; slow contenders keep fewer hand-offs
     * @return the latencies
     * @throws Exception when a player fails
     */
    public static Latencies measure(String name, Supplier<? extends Client> clients, int rounds, Duration budget)
            throws Exception {
        return new HandoffLatency(name, clients, rounds, budget).run();
    }

    private Latencies run() throws Exception {
        ExecutorService players = Executors.newFixedThreadPool(2);
        try (Client first = this.clients.get();
                Client second = this.clients.get()) {
            Future<?> a = players.submit(() -> play(0, first));
            Future<?> b = players.submit(() -> play(1, second));
            a.get(5, TimeUnit.MINUTES);
            b.get(5, TimeUnit.MINUTES);
        } finally {
            players.shutdownNow();
        }
        int kept = Math.min(count.get(), samples.length) - WARMUP;
        long[] sorted = Arrays.copyOfRange(samples, WARMUP, WARMUP + Math.max(kept, 0));
        Arrays.sort(sorted);
        return Latencies.of(this.name, sorted);
    }

    private Void play(int me, Client client) throws InterruptedException {
        int other = 1 - me;
        Client.Held held = null;
        if (me == 0) {
            held = client.acquire(id);
            holder.set(me);
        }
        while (true) {
            if (held == null) {
                while (holder.get() != other && !stop) {
                    LockSupport.parkNanos(20_000);
                }
                if (stop) {
                    return null;
                }
                waiting.set(me);
                held = client.acquire(id);
                long latency = System.nanoTime() - releasedAt.get();
                int n = count.getAndIncrement();
                if (n < samples.length) {
                    samples[n] = latency;
                }
                if (n + 1 >= samples.length || System.nanoTime() > deadline) {
                    stop = true;
                }
                holder.set(me);
            }
            while (waiting.get() != other && !stop) {
                LockSupport.parkNanos(20_000);
            }
            if (!stop) {
                Thread.sleep(PARKED.toMillis());
                waiting.set(-1);
                releasedAt.set(System.nanoTime());
            }
            held.release();
            held = null;
            if (stop) {
                return null;
            }
        }
    }

    /**
     * One contender's hand-off latencies.
     *
     * @param name the contender
     * @param samples how many hand-offs were kept
     * @param p50 the median, in ms
     * @param p99 the 99th percentile, in ms
     * @param max the longest, in ms
     */
    public record Latencies(String name, int samples, double p50, double p99, double max) {

        static Latencies of(String name, long[] sorted) {
            if (sorted.length == 0) {
                return new Latencies(name, 0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latencies(
                    name,
                    sorted.length,
                    millis(sorted[(int) Math.ceil(sorted.length * 0.50) - 1]),
                    millis(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]),
                    millis(sorted[sorted.length - 1]));
        }

        private static double millis(long nanos) {
            return nanos / 1_000_000.0;
        }
    }

    /** One client of a lock library, reduced to waiting for a lock and giving it back. */
    public interface Client extends AutoCloseable {

        /**
         * Acquire a lock, waiting while another client holds it.
         *
         * @param id the lock's name
         * @return the held lock, released by the same thread
         */
        Held acquire(String id);

        @Override
        void close();

        /** A held lock. */
        interface Held {

            /** Release the lock. */
            void release();
        }
    }
}

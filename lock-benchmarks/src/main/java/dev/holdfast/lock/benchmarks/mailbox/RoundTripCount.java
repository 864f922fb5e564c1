package dev.holdfast.lock.benchmarks.mailbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Counts each contender's store round trips per call: on Redis the commands its clients send (through
 * {@link RedisMonitor}), on PostgreSQL the statements, commits and rollbacks of its pool (through
 * {@link StatementCounter}); counted over a known number of calls in three shapes: one thread on one mailbox (every
 * step serial), 8 threads on one mailbox, 8 threads on 1,000 mailboxes. Runs after the timed benchmarks, not during.
 */
final class RoundTripCount {

    /** The shapes counted, in the report's order. */
    static final List<String> SHAPES =
            List.of("1 thread, 1 mailbox", "8 threads, 1 mailbox", "8 threads, 1,000 mailboxes");

    private static final URI REDIS =
            URI.create(System.getenv().getOrDefault("HOLDFAST_BENCH_REDIS_URL", "redis://127.0.0.1:6379"));

    private RoundTripCount() {}

    /**
     * Count a contender's round trips per call in each shape.
     *
     * @param contender the contender
     * @param calls calls per shape
     * @return per shape of {@link #SHAPES}: the round trips per call and (PostgreSQL) the durable commits per call
     * @throws Exception when the store fails
     */
    static double[][] count(Contender contender, int calls) throws Exception {
        if (!contender.redis()) {
            MailboxDatabase.prepare();
        }
        StatementCounter counter = new StatementCounter();
        String run = "rt" + Long.toString(System.nanoTime(), 36);
        double[][] perCall = new double[SHAPES.size()][];
        try (MailboxContender client = contender.open(contender.redis() ? null : counter);
                RedisMonitor monitor = contender.redis() ? new RedisMonitor(REDIS) : null) {
            // Warm up the client (connections, scripts loaded) before counting.
            calls(client, 1, 50, (i) -> run + "-warm");
            for (int shape = 0; shape < SHAPES.size(); shape++) {
                int threads = (shape == 0) ? 1 : 8;
                IntFunction<String> entity = (shape == 2)
                        ? (i) -> run + "-e" + (i * 7919 % Clients.MAILBOXES)
                        : (i) -> run + "-one" + threads;
                long before = (monitor != null) ? monitor.commands() : counter.roundTrips();
                calls(client, threads, calls, entity);
                long after = (monitor != null) ? monitor.commands() : counter.roundTrips();
                perCall[shape] = (after - before) / (double) calls;
                System.out.printf(
                        "round trips %-17s %-28s %6.2f per call%n",
                        contender.method(), SHAPES.get(shape), perCall[shape]);
            }
        }
        return perCall;
    }

    private static void calls(MailboxContender client, int threads, int calls, IntFunction<String> entity)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < calls; i += threads) {
                        client.call(entity.apply(i), "rt-" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}

package dev.holdfast.lock.benchmarks.mailbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Counts each contender's CPU time per call (client and server, {@link CpuMeter}), then its store round trips per
 * call over as many calls again: on Redis the commands its clients send (through {@link RedisMonitor}), on PostgreSQL
 * the statements, commits and rollbacks of its pool, and the durable commits among them (through
 * {@link StatementCounter}). Three shapes: one thread on one mailbox (every step serial), 8 threads on one mailbox, 8
 * threads on 1,000 mailboxes. Runs after the timed benchmarks, not during.
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
     * @return per shape of {@link #SHAPES}: round trips, durable commits (PostgreSQL, else NaN), client CPU ms and
     *     server CPU ms (Redis, else NaN), each per call
     * @throws Exception when the store fails
     */
    static double[][] count(Contender contender, int calls) throws Exception {
        if (!contender.redis()) {
            MailboxDatabase.prepare();
        }
        StatementCounter counter = new StatementCounter();
        String run = "rt" + Long.toString(System.nanoTime(), 36);
        double[][] perCall = new double[SHAPES.size()][];
        try (MailboxContender client = contender.open(contender.redis() ? null : counter)) {
            // Warm up the client (connections, scripts loaded, code compiled) before counting.
            calls(client, 8, calls, (i) -> run + "-warm" + (i % 8));
            for (int shape = 0; shape < SHAPES.size(); shape++) {
                int threads = (shape == 0) ? 1 : 8;
                int which = shape;
                IntFunction<String> entity = (shape == 2)
                        ? (i) -> run + "-e" + which + "-" + (i * 7919 % Clients.MAILBOXES)
                        : (i) -> run + "-one" + which;
                // CPU first, without MONITOR (which costs Redis CPU of its own)...
                double jvm = CpuMeter.jvm();
                double server = contender.redis() ? CpuMeter.redis(REDIS) : Double.NaN;
                calls(client, threads, calls, entity);
                double jvmPerCall = (CpuMeter.jvm() - jvm) / calls;
                double serverPerCall = contender.redis() ? (CpuMeter.redis(REDIS) - server) / calls : Double.NaN;
                // ...then the round trips of as many calls again.
                long before;
                long after;
                long commitsBefore = counter.durableCommits();
                if (contender.redis()) {
                    try (RedisMonitor monitor = new RedisMonitor(REDIS)) {
                        before = monitor.commands();
                        calls(client, threads, calls, entity);
                        after = monitor.commands();
                    }
                } else {
                    before = counter.roundTrips();
                    calls(client, threads, calls, entity);
                    after = counter.roundTrips();
                }
                double commits =
                        contender.redis() ? Double.NaN : (counter.durableCommits() - commitsBefore) / (double) calls;
                perCall[shape] = new double[] {(after - before) / (double) calls, commits, jvmPerCall, serverPerCall};
                System.out.printf(
                        Locale.ROOT,
                        "round trips %-17s %-28s %6.2f per call, durable commits %5.2f, CPU ms per call: client %.3f,"
                                + " server %.3f%n",
                        contender.method(),
                        SHAPES.get(shape),
                        perCall[shape][0],
                        commits,
                        jvmPerCall,
                        serverPerCall);
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

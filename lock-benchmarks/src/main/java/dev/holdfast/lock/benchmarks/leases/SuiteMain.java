package dev.holdfast.lock.benchmarks.leases;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.benchmarks.BenchmarkDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the {@code leases} suite: for Redis and then PostgreSQL, one {@link LockTemplate} takes {@code holdfast.leases}
 * leases (default 20,000) over eight threads and holds them while its watchdog renews them, and the runner measures
 * the renewal ticks over a quiet window, the acquire latency of four other threads with and without those leases held,
 * the client's heap per held lease, and the store's keys or rows before, while held and after release. Writes the
 * table as the {@code leases} section of the Markdown file.
 */
public final class SuiteMain {

    /** The lease of the held locks: the watchdog renews each a third of the way through, so every few seconds. */
    static final Duration LEASE = Duration.ofSeconds(9);

    static final Duration QUIET = Duration.ofSeconds(10);

    static final Duration SAMPLING = Duration.ofSeconds(5);

    static final int HOLDERS = 8;

    static final int SAMPLERS = 4;

    private SuiteMain() {}

    /**
     * Run the suite.
     *
     * @param args {@code leases}, the Markdown file
     * @throws Exception when a store fails or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"leases".equals(args[0])) {
            throw new IllegalArgumentException("Usage: SuiteMain leases <markdown-file>; was " + Arrays.toString(args));
        }
        int count = Integer.getInteger("holdfast.leases", 20_000);
        String run = "leases" + Long.toString(System.currentTimeMillis(), 36);
        List<ScaleRow> rows = new ArrayList<>();
        try (Target redis = Target.redis("holdfast-" + run)) {
            rows.add(measure(redis, run, count));
        }
        try (Target postgresql = Target.postgresql(run)) {
            rows.add(measure(postgresql, run, count));
        }
        String section = ScaleRow.markdown(
                rows,
                LocalDate.now(),
                System.getProperty("holdfast.machine", "unknown"),
                System.getProperty(
                        "holdfast.cores", String.valueOf(Runtime.getRuntime().availableProcessors())),
                System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println();
        System.out.println(section);
        BenchmarkDocument.writeSection(Path.of(args[1]), "leases", section);
        System.out.printf(Locale.ROOT, "Wrote the leases section of %s%n", args[1]);
    }

    private static ScaleRow measure(Target target, String namespace, int count) throws Exception {
        log(target, "measuring with %,d leases", count);
        RenewCounter renewals = RenewCounter.of(target.store());
        LockRequest[] requests = new LockRequest[count];
        for (int i = 0; i < count; i++) {
            requests[i] = LockRequest.of(namespace, "held-" + i).lease(LEASE).build();
        }
        Lease[] leases = new Lease[count];
        try (LockTemplate template = LockTemplate.of(renewals.store())) {
            Latencies.sample(template, namespace, "warm", SAMPLERS, Duration.ofSeconds(2));
            long baseline = target.state();
            long heapBefore = Heap.usedAfterGc();
            Latencies idle = Latencies.sample(template, namespace, "idle", SAMPLERS, SAMPLING);
            log(target, "idle acquire p50 %.2f ms p99 %.2f ms", idle.p50(), idle.p99());

            long started = System.nanoTime();
            parallel(HOLDERS, count, (i) -> {
                LockResult result = template.tryAcquire(requests[i]);
                if (!(result instanceof LockResult.Acquired acquired)) {
                    throw new IllegalStateException("Lock [" + requests[i].key() + "] was refused: " + result);
                }
                leases[i] = acquired.lease();
            });
            double acquireRate = count / ((System.nanoTime() - started) / 1e9);
            long heapHeld = Heap.usedAfterGc();
            long held = target.state();
            log(target, "%,d held (%.0f acquires/s), %,d %s", count, acquireRate, held, target.unit());

            renewals.reset();
            long callsBefore = target.calls();
            Thread.sleep(QUIET.toMillis());
            long quietCalls = target.calls() - callsBefore;
            Ticks ticks = Ticks.of(renewals, quietCalls);
            log(target, "%s", ticks);
            long lostWhileHeld = renewals.lost.get();

            renewals.reset();
            Latencies loaded = Latencies.sample(template, namespace, "loaded", SAMPLERS, SAMPLING);
            long loadedTicks = renewals.ticks.get();
            log(
                    target,
                    "loaded acquire p50 %.2f ms p99 %.2f ms (%d ticks meanwhile)",
                    loaded.p50(),
                    loaded.p99(),
                    loadedTicks);

            // Renewals refused from here on may be of leases released meanwhile: only those before count as lost.
            lostWhileHeld += renewals.lost.get();
            AtomicInteger lost = new AtomicInteger();
            started = System.nanoTime();
            parallel(HOLDERS, count, (i) -> {
                if (!leases[i].release()) {
                    lost.incrementAndGet();
                }
                leases[i] = null;
            });
            double releaseRate = count / ((System.nanoTime() - started) / 1e9);
            long afterRelease = target.state();
            long sweptAfter = System.nanoTime();
            long last = afterRelease;
            while (last > baseline
                    && System.nanoTime() - sweptAfter < Duration.ofMinutes(3).toNanos()) {
                Thread.sleep(250);
                last = target.state();
            }
            double baselineSeconds = (afterRelease <= baseline) ? 0 : (System.nanoTime() - sweptAfter) / 1e9;
            log(
                    target,
                    "released (%.0f/s, %d lost): %,d %s, back to %,d after %.1f s",
                    releaseRate,
                    lost.get(),
                    afterRelease,
                    target.unit(),
                    last,
                    baselineSeconds);
            return new ScaleRow(
                    target.name(),
                    count,
                    acquireRate,
                    (heapHeld - heapBefore) / (double) count,
                    ticks,
                    idle,
                    loaded,
                    lostWhileHeld + lost.get(),
                    target.unit(),
                    baseline,
                    held,
                    afterRelease,
                    last,
                    baselineSeconds);
        }
    }

    private static void parallel(int threads, int count, IndexTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * count / threads;
                int to = (t + 1) * count / threads;
                parts.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void log(Target target, String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", target.name(), String.format(Locale.ROOT, format, args));
    }

    /** Work on one index. */
    @FunctionalInterface
    interface IndexTask {
        void run(int index) throws Exception;
    }
}

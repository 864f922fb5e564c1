package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The watchdog holding many leases: one template holds 1,000, then 10,000, then 100,000 auto-renewed leases (each
 * size reached by acquiring more), and over {@value #WINDOW_SECONDS} s at each size the suite reads the server's
 * CPU and its count of store calls. With a lease of 3 s the watchdog ticks at least once a second and each tick
 * renews, in one {@code renewAll} batch, the leases renewed more than 0.5 s before.
 */
final class WatchdogScale {

    /** How long each size is measured, at least. */
    static final int WINDOW_SECONDS = 6;

    /** How many ticks each size is measured over, at least. */
    static final int MIN_TICKS = 3;

    private WatchdogScale() {}

    /**
     * One size on one store, over {@value #WINDOW_SECONDS} s.
     *
     * @param store the store's label
     * @param leases the leases held
     * @param ticks the watchdog ticks (one {@code renewAll} batch each) in the window
     * @param renewalsPerSecond leases renewed per second (each lease from a sixth to a third of the way through it)
     * @param cpuMillisPerSecond server CPU per second, in ms
     * @param roundTripsPerSecond store calls the server counted per second
     * @param cpuMillisPerTick server CPU per tick, in ms
     * @param roundTripsPerTick store calls per tick
     * @param clientMillisPerTick how long one tick's {@code renewAll} took, seen from the client, in ms
     * @param longestMillis the longest {@code renewAll} from the first grant of this size to the end of the window
     * @param lost leases lost (refused by the store, or out of time before a renewal was confirmed) from the first
     *     grant of this size to the end of the window
     */
    record Row(
            String store,
            int leases,
            long ticks,
            double renewalsPerSecond,
            double cpuMillisPerSecond,
            double roundTripsPerSecond,
            double cpuMillisPerTick,
            double roundTripsPerTick,
            double clientMillisPerTick,
            double longestMillis,
            long lost) {}

    static List<Row> measure(Target target, int[] sizes, Duration lease) throws Exception {
        target.clear();
        List<Row> rows = new ArrayList<>();
        List<Lease> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Target.Opened opened = target.open("scale-watchdog", Duration.ofSeconds(-1))) {
            CountingStore counting = new CountingStore(opened.store());
            try (LockTemplate template = LockTemplate.builder(counting)
                    .listener(counting.lossListener())
                    .build()) {
                int from = 0;
                for (int size : sizes) {
                    long start = System.nanoTime();
                    long lost0 = counting.lostLeases.get();
                    counting.longestNanos.set(0);
                    Parallel.forEach(from, size, (n) -> held.add(acquire(template, n, lease)));
                    from = size;
                    System.out.printf(
                            Locale.ROOT,
                            "watchdog %-10s %,7d leases held (acquired in %.1f s)%n",
                            target.label(),
                            size,
                            (System.nanoTime() - start) / 1e9);
                    // Two complete ticks after the last grant, so every lease is in the batches measured; then at least
                    // WINDOW_SECONDS and MIN_TICKS ticks, from the end of one tick to the end of another.
                    long settled = counting.ticks.get() + 2;
                    Parallel.within(120, () -> counting.ticks.get() >= settled);
                    long ticks0 = counting.ticks.get();
                    long renewed0 = counting.renewed.get();
                    long nanos0 = counting.renewNanos.get();
                    long cpu0 = target.cpuMicros();
                    long trips0 = target.roundTrips();
                    long window0 = System.nanoTime();
                    Thread.sleep(WINDOW_SECONDS * 1000L);
                    long past = counting.ticks.get();
                    Parallel.within(
                            120, () -> counting.ticks.get() > past && counting.ticks.get() >= ticks0 + MIN_TICKS);
                    long cpu1 = target.cpuMicros();
                    long trips1 = target.roundTrips();
                    double seconds = (System.nanoTime() - window0) / 1e9;
                    long ticks = Math.max(1, counting.ticks.get() - ticks0);
                    Row row = new Row(
                            target.label() + ", " + lease.toSeconds() + " s lease",
                            size,
                            ticks,
                            (counting.renewed.get() - renewed0) / seconds,
                            (cpu1 - cpu0) / 1000.0 / seconds,
                            (trips1 - trips0) / seconds,
                            (cpu1 - cpu0) / 1000.0 / ticks,
                            (trips1 - trips0) / (double) ticks,
                            (counting.renewNanos.get() - nanos0) / 1e6 / ticks,
                            counting.longestNanos.get() / 1e6,
                            counting.lostLeases.get() - lost0);
                    System.out.println("  " + row);
                    rows.add(row);
                }
            }
        } finally {
            target.clear();
        }
        return rows;
    }

    private static Lease acquire(LockTemplate template, long n, Duration lease) {
        LockRequest request =
                LockRequest.of("scale-wd", "lease-" + n).lease(lease).build();
        LockResult result = template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Lock [scale-wd:lease-" + n + "] was refused: " + result);
        }
        return acquired.lease();
    }
}

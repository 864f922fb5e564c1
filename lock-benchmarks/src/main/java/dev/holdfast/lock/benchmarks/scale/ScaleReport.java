package dev.holdfast.lock.benchmarks.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The {@code scale} section of {@code docs/benchmarks.md} and its three charts, from the measured rows. */
record ScaleReport(
        List<WatchdogScale.Row> watchdog, List<WaiterScale.Row> waiters, List<DistinctIds.Row> ids, String header) {

    static final String WATCHDOG_SVG = "scale-watchdog.svg";

    static final String WAITERS_SVG = "scale-waiters.svg";

    static final String IDS_SVG = "scale-ids.svg";

    String markdown() {
        StringBuilder md = new StringBuilder(header).append("\n\n");
        md.append("### The watchdog holding many leases\n\n![watchdog](" + WATCHDOG_SVG + ")\n\n");
        md.append("| store | leases held | ticks measured | renewals/s"
                + " | store CPU per tick, ms | store calls per tick | store CPU, ms/s | store calls/s"
                + " | `renewAll` per tick (client), ms | longest `renewAll`, ms | leases lost |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WatchdogScale.Row row : watchdog) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f | %,d |%n",
                    row.store(),
                    row.leases(),
                    row.ticks(),
                    row.renewalsPerSecond(),
                    row.cpuMillisPerTick(),
                    row.roundTripsPerTick(),
                    row.cpuMillisPerSecond(),
                    row.roundTripsPerSecond(),
                    row.clientMillisPerTick(),
                    row.longestMillis(),
                    row.lost()));
        }
        md.append("\n### Threads waiting on 1,000 keys\n\n![waiters](" + WAITERS_SVG + ")\n\n");
        md.append("| store | waiters | heap per waiter, KiB | RSS per waiter, KiB | connections | listening"
                + " | wake-ups per hand-off | of which found it taken | idle wake-ups/s | idle store calls/s"
                + " | all handed off in, s | failed | not served in " + WaiterScale.DRAIN_LIMIT_SECONDS + " s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WaiterScale.Row row : waiters) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %.1f | %d | %d | %.2f | %.2f | %,.0f | %,.0f | %.1f | %,d | %,d |%n",
                    row.store(),
                    row.waiters(),
                    heapPerWaiter(row),
                    row.rssPerWaiter() / 1024,
                    row.connections(),
                    row.subscriptions(),
                    row.wakeUpsPerHandoff(),
                    row.fruitlessPerHandoff(),
                    row.idleWakeUpsPerSecond(),
                    row.idleRoundTripsPerSecond(),
                    row.drainSeconds(),
                    row.failed(),
                    row.unserved()));
        }
        for (WaiterScale.Row row : waiters) {
            if (!row.failure().isEmpty()) {
                md.append(String.format(
                        Locale.ROOT,
                        "%n%s, %,d waiters: the first failure was `%s`.%n",
                        row.store(),
                        row.waiters(),
                        row.failure().replace('`', '\'')));
            }
        }
        md.append("\n### The keyspace and the lock table after distinct ids\n\n![ids](" + IDS_SVG + ")\n\n");
        md.append("| store | distinct ids | locked and released in, s | ids/s | locks kept before | right after"
                + " | after the retention | bytes before, MiB | right after, MiB | after the retention, MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DistinctIds.Row row : ids) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.0f | %,.0f | %,d | %,d | %,d | %.1f | %.1f | %.1f |%n",
                    row.store(),
                    row.ids(),
                    row.seconds(),
                    row.ids() / row.seconds(),
                    row.countBefore(),
                    row.countAfter(),
                    row.countLater(),
                    mib(row.bytesBefore()),
                    mib(row.bytesAfter()),
                    mib(row.bytesLater())));
        }
        return md.toString();
    }

    String watchdogChart(String note) {
        List<String> sizes = distinct(watchdog.stream()
                .map((row) -> String.format(Locale.ROOT, "%,d leases", row.leases()))
                .toList());
        return SvgChart.render(
                "The watchdog holding many leases (a lease is renewed from a sixth to a third of the way through it)",
                note,
                List.of(
                        new SvgChart.Panel(
                                "store CPU per tick, ms",
                                sizes,
                                series(
                                        watchdog,
                                        WatchdogScale.Row::store,
                                        WatchdogScale.Row::cpuMillisPerTick,
                                        sizes.size()),
                                true),
                        new SvgChart.Panel(
                                "store calls per tick",
                                sizes,
                                series(
                                        watchdog,
                                        WatchdogScale.Row::store,
                                        WatchdogScale.Row::roundTripsPerTick,
                                        sizes.size()),
                                true),
                        new SvgChart.Panel(
                                "renewAll per tick (client), ms",
                                sizes,
                                series(
                                        watchdog,
                                        WatchdogScale.Row::store,
                                        WatchdogScale.Row::clientMillisPerTick,
                                        sizes.size()),
                                true)));
    }

    String waitersChart(String note) {
        List<String> counts = distinct(waiters.stream()
                .map((row) -> String.format(Locale.ROOT, "%,d waiters", row.waiters()))
                .toList());
        int n = counts.size();
        return SvgChart.render(
                "Threads waiting on 1,000 keys",
                note,
                List.of(
                        new SvgChart.Panel(
                                "heap per waiter, KiB",
                                counts,
                                series(waiters, WaiterScale.Row::store, (row) -> row.heapPerWaiter() / 1024, n),
                                false),
                        new SvgChart.Panel(
                                "wake-ups per hand-off",
                                counts,
                                series(waiters, WaiterScale.Row::store, WaiterScale.Row::wakeUpsPerHandoff, n),
                                false),
                        new SvgChart.Panel(
                                "connections (listening: 1)",
                                counts,
                                series(waiters, WaiterScale.Row::store, WaiterScale.Row::connections, n),
                                false),
                        new SvgChart.Panel(
                                "idle wake-ups per second",
                                counts,
                                series(waiters, WaiterScale.Row::store, WaiterScale.Row::idleWakeUpsPerSecond, n),
                                true)));
    }

    String idsChart(String note) {
        List<String> moments = List.of("before", "right after", "after the retention");
        List<SvgChart.Series> locks = new ArrayList<>();
        List<SvgChart.Series> bytes = new ArrayList<>();
        for (DistinctIds.Row row : ids) {
            locks.add(new SvgChart.Series(
                    row.store(), new double[] {row.countBefore(), row.countAfter(), row.countLater()}));
            bytes.add(new SvgChart.Series(
                    row.store(), new double[] {mib(row.bytesBefore()), mib(row.bytesAfter()), mib(row.bytesLater())}));
        }
        String title = ids.isEmpty()
                ? "Distinct ids"
                : String.format(
                        Locale.ROOT,
                        "After %,d distinct ids locked and released",
                        ids.get(0).ids());
        return SvgChart.render(
                title,
                note,
                List.of(
                        new SvgChart.Panel("locks kept (keys, rows)", moments, locks, false),
                        new SvgChart.Panel("Redis used_memory / table size, MiB", moments, bytes, false)));
    }

    private static <R> List<SvgChart.Series> series(
            List<R> rows, java.util.function.Function<R, String> store, ToDoubleFunction<R> value, int categories) {
        List<SvgChart.Series> series = new ArrayList<>();
        List<String> stores = distinct(rows.stream().map(store).toList());
        for (String name : stores) {
            double[] values = rows.stream()
                    .filter((row) -> store.apply(row).equals(name))
                    .mapToDouble(value)
                    .toArray();
            double[] padded = new double[categories];
            java.util.Arrays.fill(padded, Double.NaN);
            System.arraycopy(values, 0, padded, 0, Math.min(values.length, categories));
            series.add(new SvgChart.Series(name, padded));
        }
        return series;
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }

    /** Heap per waiter, or the whole change when it is within the noise of a full GC (1 MiB). */
    private static String heapPerWaiter(WaiterScale.Row row) {
        double total = row.heapPerWaiter() * row.waiters() / 1024;
        return (Math.abs(total) < 1024)
                ? String.format(Locale.ROOT, "noise (%+,.0f KiB in all)", total)
                : String.format(Locale.ROOT, "%.2f", row.heapPerWaiter() / 1024);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

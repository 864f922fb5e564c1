package dev.holdfast.lock.benchmarks.leases;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One store's results of the leases run; {@link #markdown} sets them side by side, a column per store.
 *
 * @param store the store
 * @param leases the leases held at once
 * @param acquireRate how fast they were taken (eight threads), per second
 * @param heapPerLease the client's heap per held lease, bytes
 * @param ticks the watchdog's work over the quiet window
 * @param idle acquire latencies of four other threads with nothing held
 * @param loaded the same with every lease held and renewing
 * @param lost leases lost while held: renewals the store refused before the release began, and releases that found
 *     the lease gone (a renewal refused while the leases are being released is of a lease released meanwhile)
 * @param unit what the state counts (keys or rows)
 * @param baseline the state before
 * @param held the state with every lease held
 * @param released the state right after every lease was released
 * @param settled the state at the end of the wait for the baseline
 * @param settledSeconds how long that wait took
 */
record ScaleRow(
        String store,
        int leases,
        double acquireRate,
        double heapPerLease,
        Ticks ticks,
        Latencies idle,
        Latencies loaded,
        long lost,
        String unit,
        long baseline,
        long held,
        long released,
        long settled,
        double settledSeconds) {

    static String markdown(List<ScaleRow> rows, LocalDate date, String machine, String cores, String jdk) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run on %s · machine: %s, %s cores · JDK: %s · `lock-benchmarks/run.sh leases` · leases of %d s renewed"
                        + " by the watchdog, quiet window %d s, latency samples %d s × %d threads\n\n",
                date,
                machine,
                cores,
                jdk,
                SuiteMain.LEASE.toSeconds(),
                SuiteMain.QUIET.toSeconds(),
                SuiteMain.SAMPLING.toSeconds(),
                SuiteMain.SAMPLERS));
        out.append("| measure |");
        rows.forEach((row) -> out.append(' ').append(row.store).append(" |"));
        out.append("\n|---|").append("---:|".repeat(rows.size())).append('\n');
        line(out, rows, "leases held at once", (r) -> String.format(Locale.ROOT, "%,d", r.leases));
        line(
                out,
                rows,
                "taking them (8 threads), acquires/s",
                (r) -> String.format(Locale.ROOT, "%,.0f", r.acquireRate));
        line(
                out,
                rows,
                "client heap per held lease, bytes",
                (r) -> String.format(Locale.ROOT, "%,.0f", r.heapPerLease));
        line(out, rows, "watchdog ticks in the quiet window", (r) -> Long.toString(r.ticks.ticks()));
        line(out, rows, "leases renewed in the window", (r) -> String.format(Locale.ROOT, "%,d", r.ticks.renewed()));
        line(out, rows, "store round trips in the window", (r) -> String.format(Locale.ROOT, "%,d", r.ticks.calls()));
        line(out, rows, "round trips per tick", (r) -> String.format(Locale.ROOT, "%.1f", r.ticks.callsPerTick()));
        line(
                out,
                rows,
                "leases renewed per round trip",
                (r) -> String.format(Locale.ROOT, "%.0f", r.ticks.leasesPerCall()));
        line(
                out,
                rows,
                "tick time, mean / max, ms",
                (r) -> String.format(Locale.ROOT, "%.1f / %.1f", r.ticks.meanMillis(), r.ticks.maxMillis()));
        line(
                out,
                rows,
                "acquire p50 / p99, ms, nothing held",
                (r) -> String.format(Locale.ROOT, "%.2f / %.2f", r.idle.p50(), r.idle.p99()));
        line(
                out,
                rows,
                "acquire p50 / p99, ms, all leases held",
                (r) -> String.format(Locale.ROOT, "%.2f / %.2f", r.loaded.p50(), r.loaded.p99()));
        line(
                out,
                rows,
                "p99 held ÷ p99 idle",
                (r) -> String.format(Locale.ROOT, "%.2f×", r.loaded.p99() / r.idle.p99()));
        line(out, rows, "leases lost while held", (r) -> Long.toString(r.lost));
        line(
                out,
                rows,
                "store state before → held → right after release",
                (r) -> String.format(Locale.ROOT, "%,d → %,d → %,d %s", r.baseline, r.held, r.released, r.unit));
        line(
                out,
                rows,
                "back to the baseline after",
                (r) -> (r.settled <= r.baseline)
                        ? String.format(Locale.ROOT, "%.1f s", r.settledSeconds)
                        : String.format(
                                Locale.ROOT, "not within %.0f s (%,d %s left)", r.settledSeconds, r.settled, r.unit));
        return out.toString();
    }

    private static void line(StringBuilder out, List<ScaleRow> rows, String label, Function<ScaleRow, String> cell) {
        out.append("| ").append(label).append(" |");
        rows.forEach((row) -> out.append(' ').append(cell.apply(row)).append(" |"));
        out.append('\n');
    }
}

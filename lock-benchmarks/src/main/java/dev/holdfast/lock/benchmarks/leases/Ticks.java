package dev.holdfast.lock.benchmarks.leases;

import java.util.Locale;

/**
 * The watchdog's work over the quiet window: its {@code renewAll} calls (ticks that renewed something), the leases
 * renewed, the store calls sent meanwhile (all of them renewals, nothing else runs), and the time the ticks took.
 *
 * @param ticks renewAll calls
 * @param renewed leases renewed
 * @param calls store round trips in the window
 * @param meanMillis mean time of a tick's renewAll
 * @param maxMillis longest tick
 */
record Ticks(long ticks, long renewed, long calls, double meanMillis, double maxMillis) {

    static Ticks of(RenewCounter counter, long calls) {
        long ticks = counter.ticks.get();
        return new Ticks(
                ticks,
                counter.renewed.get(),
                calls,
                (ticks == 0) ? Double.NaN : counter.nanos.get() / 1e6 / ticks,
                counter.maxNanos.get() / 1e6);
    }

    double callsPerTick() {
        return (ticks == 0) ? Double.NaN : calls / (double) ticks;
    }

    double leasesPerCall() {
        return (calls == 0) ? Double.NaN : renewed / (double) calls;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d ticks renewed %,d leases in %,d store calls (%.1f per tick, %.0f leases per call), tick mean %.1f ms"
                        + " max %.1f ms",
                ticks,
                renewed,
                calls,
                callsPerTick(),
                leasesPerCall(),
                meanMillis,
                maxMillis);
    }
}

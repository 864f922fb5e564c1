package dev.holdfast.lock.benchmarks.server;

import java.util.Arrays;

/**
 * Latencies in milliseconds from recorded nanoseconds.
 *
 * @param samples how many
 * @param p50 the median, ms
 * @param p99 the 99th percentile, ms
 */
record Percentiles(int samples, double p50, double p99) {

    static Percentiles of(long[] nanos, int count) {
        if (count == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Percentiles(
                count,
                sorted[(int) Math.ceil(count * 0.50) - 1] / 1e6,
                sorted[(int) Math.ceil(count * 0.99) - 1] / 1e6);
    }

    /** A growable array of nanoseconds. */
    static final class Recorder {

        private long[] nanos = new long[4096];

        private int count;

        void add(long took) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = took;
        }

        void addAll(Recorder other) {
            for (int i = 0; i < other.count; i++) {
                add(other.nanos[i]);
            }
        }

        Percentiles percentiles() {
            return of(nanos, count);
        }
    }
}

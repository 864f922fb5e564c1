package dev.holdfast.lock.benchmarks.server;

import dev.holdfast.lock.benchmarks.server.ServerLoad.Memory;
import dev.holdfast.lock.benchmarks.server.ServerLoad.Throughput;
import java.util.List;

/**
 * Everything the {@code server} suite measured on one store, with the targets for that store.
 *
 * @param store the store's name
 * @param cycles acquire+release cycles per second by client count
 * @param server uncontended acquire through the server, by API key
 * @param basic uncontended acquire through the server, by HTTP Basic
 * @param direct uncontended acquire with the store API directly
 * @param handoff hand-off through the server
 * @param memory the server's memory with waiting requests
 * @param oneClientTarget cycles/s target with one client
 * @param manyClientsTarget cycles/s target with 64 clients
 * @param handoffTarget hand-off p99 target, ms
 * @param loadBefore the machine's 1-minute load average when the store's run started
 */
record StoreRun(
        String store,
        List<Throughput> cycles,
        Percentiles server,
        Percentiles basic,
        Percentiles direct,
        Percentiles handoff,
        Memory memory,
        double oneClientTarget,
        double manyClientsTarget,
        double handoffTarget,
        double loadBefore) {

    /** The server's added latency at p99 target, ms. */
    static final double ADDED_P99_TARGET = 1.0;

    /** The memory target for all waiting requests, bytes. */
    static final double WAITERS_TARGET = 50.0 * 1024 * 1024;

    /** Return the target for a row of the cycles table, or NaN when the issue sets none. */
    double cyclesTarget(int clients) {
        return switch (clients) {
            case 1 -> oneClientTarget;
            case 64 -> manyClientsTarget;
            default -> Double.NaN;
        };
    }

    /**
     * Return what the store's round trips alone allow one client: a cycle is an acquire and a release, each at least
     * the store's median acquire round trip.
     */
    double storeBoundPerClient() {
        return 1000.0 / (2 * direct.p50());
    }
}

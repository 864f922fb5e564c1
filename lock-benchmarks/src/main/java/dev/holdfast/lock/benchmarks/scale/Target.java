package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.spi.LockStore;
import java.time.Duration;

/**
 * A store under measurement and the probes that read its server's side: CPU, round trips, connections,
 * subscriptions and the state it keeps.
 */
sealed interface Target extends AutoCloseable permits RedisTarget, PostgresTarget {

    /** Return the store's name in tables and charts. */
    String label();

    /** Return the server measured: product, version and where. */
    String server();

    /**
     * Open a store of its own, as one application instance would have it.
     *
     * @param client the name its connections carry on the server (client name, application name)
     * @param freeRowRetention how long a free row stays (the database store), negative for never
     * @return the store and what to close with it
     */
    Opened open(String client, Duration freeRowRetention);

    /** Return the server CPU time used so far, in microseconds, counting only this suite's work where it can. */
    long cpuMicros();

    /** Return the store calls the server counted so far (Redis: script calls; PostgreSQL: transactions). */
    long roundTrips();

    /** Return how many connections the server has from a client name. */
    int connections(String client);

    /** Return how many of a client's connections listen for releases. */
    int subscriptions(String client);

    /** Return the locks' state in the store: keys with the suite's prefix, or rows of the lock table. */
    long stateCount();

    /** Return the bytes that state takes: Redis {@code used_memory}, or the lock table's total relation size. */
    long stateBytes();

    /** Remove every lock the suite left. */
    void clear();

    @Override
    void close();

    /**
     * An open store.
     *
     * @param store the store
     * @param resources its connections, closed after the store
     */
    record Opened(LockStore store, AutoCloseable resources) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
            resources.close();
        }
    }
}

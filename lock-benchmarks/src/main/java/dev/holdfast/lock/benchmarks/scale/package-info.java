/**
 * The {@code scale} suite (issue 13.4): one client holds tens of thousands of leases at once on Redis and on
 * PostgreSQL while the watchdog renews them, and the runner measures the renewal ticks (store calls per tick), the
 * acquire latency with and without that load, the client's memory per lease, and that the store's state returns to
 * its baseline after release.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.scale;

import org.jspecify.annotations.NullMarked;

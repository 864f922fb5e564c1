/**
 * The {@code leases} suite (issue 13.4, beside the {@code scale} suite): one client holds tens of thousands of leases at once on Redis and on
 * PostgreSQL while the watchdog renews them, and the runner measures the renewal ticks (store calls per tick), the
 * acquire latency with and without that load, the client's memory per lease, and that the store's state returns to
 * its baseline after release.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.leases;

import org.jspecify.annotations.NullMarked;

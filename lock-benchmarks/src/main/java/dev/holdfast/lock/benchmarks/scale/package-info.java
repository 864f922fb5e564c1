/**
 * The {@code scale} suite (issue 13.4): what Holdfast costs as work grows, on Redis and PostgreSQL. The watchdog
 * holding 1,000 to 100,000 leases (store CPU and round trips per tick), 10 to 10,000 threads waiting on 1,000 keys
 * (memory per waiter, subscriptions, connections, wake-ups per release) and the keyspace or lock table after
 * 1,000,000 distinct ids. Not JMH: {@link dev.holdfast.lock.benchmarks.scale.SuiteMain} measures, writes the
 * {@code scale} section of {@code docs/benchmarks.md} and draws one SVG chart per measurement.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.scale;

import org.jspecify.annotations.NullMarked;

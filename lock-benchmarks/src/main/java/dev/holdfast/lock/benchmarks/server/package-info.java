/**
 * The {@code server} suite: the lock server ({@code lock-server}'s jar, started as a child process) under load over
 * HTTP on the Redis and PostgreSQL stores, beside the stores' own round trips.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.server;

import org.jspecify.annotations.NullMarked;

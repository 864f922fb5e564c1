package dev.holdfast.lock.benchmarks.jdbc;

import org.openjdk.jmh.annotations.Threads;

/** The {@code jdbc} suite with one thread. */
@Threads(1)
public class OneThread extends JdbcLockBenchmark {}

package dev.holdfast.lock.benchmarks.jdbc;

import org.openjdk.jmh.annotations.Threads;

/** The {@code jdbc} suite with eight threads, each on its own key. */
@Threads(8)
public class EightThreads extends JdbcLockBenchmark {}

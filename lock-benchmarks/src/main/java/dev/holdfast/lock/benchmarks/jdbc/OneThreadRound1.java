package dev.holdfast.lock.benchmarks.jdbc;

import org.openjdk.jmh.annotations.Threads;

/** The {@code jdbc} suite with one thread, round 1 (the rounds interleave the contenders in time). */
@Threads(1)
public class OneThreadRound1 extends JdbcLockBenchmark {}

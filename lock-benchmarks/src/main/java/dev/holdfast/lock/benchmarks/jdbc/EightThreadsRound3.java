package dev.holdfast.lock.benchmarks.jdbc;

import org.openjdk.jmh.annotations.Threads;

/** The {@code jdbc} suite with eight threads, each on its own key, round 3 (the rounds interleave the contenders). */
@Threads(8)
public class EightThreadsRound3 extends JdbcLockBenchmark {}

package dev.holdfast.lock.benchmarks.redis;

import org.openjdk.jmh.annotations.Threads;

/** Scenario (b): eight threads of one client, each on its own key. */
@Threads(8)
public class EightThreads extends UncontendedBenchmark {}

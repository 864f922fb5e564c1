package dev.holdfast.lock.benchmarks.redis;

import org.openjdk.jmh.annotations.Threads;

/** Scenario (a): one thread, acquire + release on an uncontended key. */
@Threads(1)
public class OneThread extends UncontendedBenchmark {}

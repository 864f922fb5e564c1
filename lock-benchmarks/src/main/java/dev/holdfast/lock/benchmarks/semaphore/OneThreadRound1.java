package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Threads;

/** Round 1: one thread, take and give back a permit of an uncontended semaphore. */
@Threads(1)
public class OneThreadRound1 extends UncontendedSemaphore {}

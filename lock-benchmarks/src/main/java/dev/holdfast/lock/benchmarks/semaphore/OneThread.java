package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Threads;

/** One thread, take and give back a permit of an uncontended semaphore. */
@Threads(1)
public class OneThread extends UncontendedSemaphore {}

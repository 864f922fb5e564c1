package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Threads;

/** Eight threads of one client, each on a semaphore of its own. */
@Threads(8)
public class EightThreads extends UncontendedSemaphore {}

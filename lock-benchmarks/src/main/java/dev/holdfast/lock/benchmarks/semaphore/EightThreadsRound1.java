package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Threads;

/** Round 1: eight threads of one client, each on a semaphore of its own. */
@Threads(8)
public class EightThreadsRound1 extends UncontendedSemaphore {}

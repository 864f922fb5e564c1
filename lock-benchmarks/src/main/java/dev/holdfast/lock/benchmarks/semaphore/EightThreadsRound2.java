package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Threads;

/** Round 2: eight threads of one client, each on a semaphore of its own. */
@Threads(8)
public class EightThreadsRound2 extends UncontendedSemaphore {}

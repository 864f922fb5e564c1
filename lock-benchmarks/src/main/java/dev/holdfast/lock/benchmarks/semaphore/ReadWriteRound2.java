package dev.holdfast.lock.benchmarks.semaphore;

/** Round 2: eight readers and one writer. */
public class ReadWriteRound2 extends ReadWrite {}

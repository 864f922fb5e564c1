package dev.holdfast.lock.benchmarks.semaphore;

/** Round 3: eight readers and one writer. */
public class ReadWriteRound3 extends ReadWrite {}

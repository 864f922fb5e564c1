package dev.holdfast.lock.benchmarks.semaphore;

/** Round 1: eight readers and one writer. */
public class ReadWriteRound1 extends ReadWrite {}

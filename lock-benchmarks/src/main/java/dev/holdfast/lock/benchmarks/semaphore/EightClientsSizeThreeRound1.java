package dev.holdfast.lock.benchmarks.semaphore;

/** Round 1: eight clients on one semaphore of three permits. */
public class EightClientsSizeThreeRound1 extends EightClientsSizeThree {}

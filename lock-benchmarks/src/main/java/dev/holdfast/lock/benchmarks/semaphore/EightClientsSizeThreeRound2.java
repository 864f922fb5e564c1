package dev.holdfast.lock.benchmarks.semaphore;

/** Round 2: eight clients on one semaphore of three permits. */
public class EightClientsSizeThreeRound2 extends EightClientsSizeThree {}

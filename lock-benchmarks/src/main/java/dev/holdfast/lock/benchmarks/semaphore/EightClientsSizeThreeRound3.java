package dev.holdfast.lock.benchmarks.semaphore;

/** Round 3: eight clients on one semaphore of three permits. */
public class EightClientsSizeThreeRound3 extends EightClientsSizeThree {}

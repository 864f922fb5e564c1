package dev.holdfast.lock.benchmarks.notify;

/** Round 1 of the three paths. */
public class Round1 extends PublishToWakeup {}

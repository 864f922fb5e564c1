package dev.holdfast.lock.benchmarks.notify;

/** Round 2 of the three paths. */
public class Round2 extends PublishToWakeup {}

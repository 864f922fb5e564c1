package dev.holdfast.lock.benchmarks.notify;

/** Round 3 of the three paths. */
public class Round3 extends PublishToWakeup {}

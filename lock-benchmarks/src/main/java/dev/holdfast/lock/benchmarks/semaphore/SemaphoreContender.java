package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.benchmarks.HandoffLatency;

/**
 * One semaphore library on Redis, reduced to what the benchmarks do. One instance is one client (its own connections),
 * as one application instance would have. Every semaphore has {@link #SIZE} permits and is created on first use.
 */
interface SemaphoreContender extends HandoffLatency.Client {

    /** The permits of every semaphore of the suite. */
    int SIZE = 3;

    /** Names of this JVM's semaphores start with it, so a run never meets the permits an earlier run left. */
    String RUN = Long.toString(System.currentTimeMillis(), 36);

    /**
     * Take one permit of a semaphore that has one free, without waiting, and give it back.
     *
     * @param id the semaphore's name
     * @throws IllegalStateException when the permit was refused
     */
    void cycle(String id);

    /**
     * Take permits, waiting while there are too few free.
     *
     * @param id the semaphore's name
     * @param permits how many
     * @return the held permits, released by the same thread
     */
    Held acquire(String id, int permits);

    @Override
    default Held acquire(String id) {
        return acquire(id, 1);
    }
}

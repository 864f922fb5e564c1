package dev.holdfast.lock.benchmarks.redis;

import dev.holdfast.lock.benchmarks.HandoffLatency;

/**
 * One lock library on Redis, reduced to what the benchmarks do: take a free lock and give it back, or wait for a held
 * one. One instance is one client (its own connections), as one application instance would have.
 */
interface RedisContender extends HandoffLatency.Client {

    /**
     * Acquire a lock that should be free without waiting, and release it.
     *
     * @param id the lock's name
     * @throws IllegalStateException when the lock was refused
     */
    void cycle(String id);
}

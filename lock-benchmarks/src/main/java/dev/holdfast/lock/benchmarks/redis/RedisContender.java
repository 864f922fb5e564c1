package dev.holdfast.lock.benchmarks.redis;

/**
 * One lock library on Redis, reduced to what the benchmarks do: take a free lock and give it back, or wait for a held
 * one. One instance is one client (its own connections), as one application instance would have.
 */
interface RedisContender extends AutoCloseable {

    /**
     * Acquire a lock that should be free without waiting, and release it.
     *
     * @param id the lock's name
     * @throws IllegalStateException when the lock was refused
     */
    void cycle(String id);

    /**
     * Acquire a lock, waiting while another client holds it.
     *
     * @param id the lock's name
     * @return the held lock, released by the same thread
     */
    Held acquire(String id);

    @Override
    void close();

    /** A held lock. */
    interface Held {

        /** Release the lock. */
        void release();
    }
}

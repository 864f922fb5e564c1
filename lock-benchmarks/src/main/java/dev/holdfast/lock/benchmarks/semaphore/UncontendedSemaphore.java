package dev.holdfast.lock.benchmarks.semaphore;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Take one permit of a semaphore of three that nobody else uses (each thread its own) and give it back, per contender,
 * every thread on one client of its library. The subclasses fix the thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class UncontendedSemaphore {

    /**
     * Holdfast: {@code LeasedSemaphore.tryAcquire} then {@code Lease.close()}.
     *
     * @param holdfast the client
     * @param key this thread's semaphore
     */
    @Benchmark
    public void holdfast(Clients.SharedHoldfast holdfast, ThreadKey key) {
        holdfast.client.cycle(key.name);
    }

    /**
     * Redisson: {@code RPermitExpirableSemaphore.tryAcquire(0, 30 s)} then {@code release(id)}.
     *
     * @param redisson the client
     * @param key this thread's semaphore
     */
    @Benchmark
    public void redissonPermitExpirable(Clients.SharedPermitExpirable redisson, ThreadKey key) {
        redisson.client.cycle(key.name);
    }

    /**
     * Redisson: {@code RSemaphore.tryAcquire()} then {@code release()}.
     *
     * @param redisson the client
     * @param key this thread's semaphore
     */
    @Benchmark
    public void redissonSemaphore(Clients.SharedSemaphore redisson, ThreadKey key) {
        redisson.client.cycle(key.name);
    }
}

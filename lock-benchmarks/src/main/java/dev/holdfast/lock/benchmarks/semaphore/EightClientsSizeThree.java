package dev.holdfast.lock.benchmarks.semaphore;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Eight independent clients (each thread its own client and connections) share one semaphore of three permits; each
 * operation waits for a permit and gives it back at once. The score is grants per second. The subclasses are the rounds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public abstract class EightClientsSizeThree {

    /**
     * Holdfast: {@code LeasedSemaphore.acquire} with a wait, then {@code Lease.close()}.
     *
     * @param holdfast this thread's client
     */
    @Benchmark
    public void holdfast(Clients.OwnHoldfast holdfast) {
        holdfast.client.acquire("contended").release();
    }

    /**
     * Redisson: {@code RPermitExpirableSemaphore.acquire(1, 30 s)} then {@code release(ids)}.
     *
     * @param redisson this thread's client
     */
    @Benchmark
    public void redissonPermitExpirable(Clients.OwnPermitExpirable redisson) {
        redisson.client.acquire("contended").release();
    }

    /**
     * Redisson: {@code RSemaphore.acquire(1)} then {@code release(1)}.
     *
     * @param redisson this thread's client
     */
    @Benchmark
    public void redissonSemaphore(Clients.OwnSemaphore redisson) {
        redisson.client.acquire("contended").release();
    }
}

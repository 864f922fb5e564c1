package dev.holdfast.lock.benchmarks.jdbc;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One acquire + release cycle of an uncontended lock (each thread its own key) on PostgreSQL, per contender. The
 * subclasses fix the thread count; every contender has a pool of {@link BenchmarkDatabase#POOL_SIZE} connections.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class JdbcLockBenchmark {

    /**
     * Holdfast: {@code LockTemplate.tryAcquire} then {@code Lease.close()} on the database store.
     *
     * @param contender the store
     * @param key this thread's lock
     */
    @Benchmark
    public void holdfast(HoldfastContender contender, ThreadKey key) {
        contender.acquireAndRelease(key.name);
    }

    /**
     * ShedLock: {@code LockProvider.lock} then {@code SimpleLock.unlock()}.
     *
     * @param contender the provider
     * @param key this thread's lock
     */
    @Benchmark
    public void shedlock(ShedLockContender contender, ThreadKey key) {
        contender.acquireAndRelease(key.name);
    }

    /**
     * Spring Integration: {@code JdbcLockRegistry.obtain(key).tryLock()} then {@code unlock()}.
     *
     * @param contender the registry
     * @param key this thread's lock
     */
    @Benchmark
    public void springIntegration(IntegrationContender contender, ThreadKey key) {
        contender.acquireAndRelease(key.name);
    }
}

package dev.holdfast.lock.benchmarks.redis;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One acquire + release cycle of an uncontended lock (each thread its own key), per contender, every thread on one
 * client of its library. The subclasses fix the thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class UncontendedBenchmark {

    /**
     * Holdfast: {@code LockTemplate.tryAcquire} then {@code Lease.close()}.
     *
     * @param holdfast the client
     * @param key this thread's lock
     */
    @Benchmark
    public void holdfast(Clients.SharedHoldfast holdfast, ThreadKey key) {
        holdfast.client.cycle(key.name);
    }

    /**
     * Redisson: {@code RLock.tryLock()} then {@code unlock()}.
     *
     * @param redisson the client
     * @param key this thread's lock
     */
    @Benchmark
    public void redisson(Clients.SharedRedisson redisson, ThreadKey key) {
        redisson.client.cycle(key.name);
    }

    /**
     * Spring Integration, spin mode: {@code obtain(key).tryLock()} then {@code unlock()}.
     *
     * @param integration the registry
     * @param key this thread's lock
     */
    @Benchmark
    public void springIntegrationSpin(Clients.SharedIntegrationSpin integration, ThreadKey key) {
        integration.client.cycle(key.name);
    }

    /**
     * Spring Integration, pub/sub mode: {@code obtain(key).tryLock()} then {@code unlock()}.
     *
     * @param integration the registry
     * @param key this thread's lock
     */
    @Benchmark
    public void springIntegrationPubSub(Clients.SharedIntegrationPubSub integration, ThreadKey key) {
        integration.client.cycle(key.name);
    }

    /**
     * ShedLock: {@code lock} then {@code unlock()}.
     *
     * @param shedlock the provider
     * @param key this thread's lock
     */
    @Benchmark
    public void shedlock(Clients.SharedShedLock shedlock, ThreadKey key) {
        shedlock.client.cycle(key.name);
    }
}

package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.redis.RedisLockStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RReadWriteLock;
import org.redisson.api.RedissonClient;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Eight readers and one writer of one read/write lock, all threads of one client: each reader takes the read hold and
 * gives it back, the writer the write hold, each waiting as long as it must. The group's score is all holds per
 * second; the secondary scores split it into reads and writes.
 *
 * <p>The policies differ: Holdfast prefers writers (once a writer waits, new readers wait behind it), Redisson's
 * {@code RReadWriteLock} lets readers in while a writer waits. The subclasses are the rounds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class ReadWrite {

    /**
     * A Holdfast reader: {@code acquireRead} then {@code close()}.
     *
     * @param lock the group's client
     */
    @Benchmark
    @Group("holdfast")
    @GroupThreads(8)
    public void holdfastRead(HoldfastLock lock) {
        lock.lock.acquireRead(lock.request).close();
    }

    /**
     * The Holdfast writer: {@code acquireWrite} then {@code close()}.
     *
     * @param lock the group's client
     */
    @Benchmark
    @Group("holdfast")
    @GroupThreads(1)
    public void holdfastWrite(HoldfastLock lock) {
        lock.lock.acquireWrite(lock.request).close();
    }

    /**
     * A Redisson reader: {@code readLock().lock()} then {@code unlock()}.
     *
     * @param lock the group's client
     */
    @Benchmark
    @Group("redisson")
    @GroupThreads(8)
    public void redissonRead(RedissonLock lock) {
        lock.lock.readLock().lock();
        lock.lock.readLock().unlock();
    }

    /**
     * The Redisson writer: {@code writeLock().lock()} then {@code unlock()}.
     *
     * @param lock the group's client
     */
    @Benchmark
    @Group("redisson")
    @GroupThreads(1)
    public void redissonWrite(RedissonLock lock) {
        lock.lock.writeLock().lock();
        lock.lock.writeLock().unlock();
    }

    /** Holdfast's read/write lock on one client, 30 s leases renewed by the watchdog. */
    @State(Scope.Group)
    public static class HoldfastLock {

        LettuceConnectionFactory factory;

        RedisLockStore store;

        LockTemplate template;

        LeasedReadWriteLock lock;

        final PermitRequest request = PermitRequest.builder()
                .lease(Duration.ofSeconds(30))
                .waitTime(Duration.ofSeconds(60))
                .build();

        /** Open the client. */
        @Setup
        public void open() {
            factory = BenchmarkRedis.factory();
            store = new RedisLockStore(factory, "holdfast-bench");
            template = LockTemplate.of(store);
            lock = template.readWriteLock("rw-bench", SemaphoreContender.RUN);
        }

        /** Close the client. */
        @TearDown
        public void close() {
            template.close();
            store.close();
            factory.destroy();
        }
    }

    /** Redisson's {@code RReadWriteLock} on one client, its watchdog on as by default. */
    @State(Scope.Group)
    public static class RedissonLock {

        RedissonClient client;

        RReadWriteLock lock;

        /** Open the client. */
        @Setup
        public void open() {
            client = BenchmarkRedis.redisson();
            lock = client.getReadWriteLock("redisson-rw-bench:" + SemaphoreContender.RUN);
        }

        /** Close the client. */
        @TearDown
        public void close() {
            client.shutdown();
        }
    }
}

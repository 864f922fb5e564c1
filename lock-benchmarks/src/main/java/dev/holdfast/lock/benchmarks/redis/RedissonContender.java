package dev.holdfast.lock.benchmarks.redis;

import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/** Redisson: {@code RLock.tryLock()} (or {@code lock()}) then {@code unlock()}, its watchdog on as by default. */
final class RedissonContender implements RedisContender {

    private final RedissonClient client = BenchmarkRedis.redisson();

    @Override
    public void cycle(String id) {
        RLock lock = client.getLock("redisson-bench:" + id);
        if (!lock.tryLock()) {
            throw new IllegalStateException("Redisson refused lock [" + id + "]");
        }
        lock.unlock();
    }

    @Override
    public Held acquire(String id) {
        RLock lock = client.getLock("redisson-bench:" + id);
        lock.lock();
        return lock::unlock;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}

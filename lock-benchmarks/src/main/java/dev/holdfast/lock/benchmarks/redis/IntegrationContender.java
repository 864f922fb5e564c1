package dev.holdfast.lock.benchmarks.redis;

import java.util.concurrent.locks.Lock;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

/**
 * Spring Integration: {@code RedisLockRegistry.obtain(key).tryLock()} (or {@code lock()}) then {@code unlock()}, in
 * the spin mode (its default: a waiter retries every 100 ms) or the pub/sub mode.
 */
final class IntegrationContender implements RedisContender {

    private final LettuceConnectionFactory factory = BenchmarkRedis.factory();

    private final RedisLockRegistry registry;

    IntegrationContender(boolean pubSub) {
        this.registry = new RedisLockRegistry(factory, pubSub ? "si-bench-pubsub" : "si-bench-spin");
        this.registry.setRedisLockType(
                pubSub ? RedisLockRegistry.RedisLockType.PUB_SUB_LOCK : RedisLockRegistry.RedisLockType.SPIN_LOCK);
    }

    @Override
    public void cycle(String id) {
        Lock lock = registry.obtain(id);
        if (!lock.tryLock()) {
            throw new IllegalStateException("Spring Integration refused lock [" + id + "]");
        }
        lock.unlock();
    }

    @Override
    public Held acquire(String id) {
        Lock lock = registry.obtain(id);
        lock.lock();
        return lock::unlock;
    }

    @Override
    public void close() {
        registry.destroy();
        factory.destroy();
    }
}

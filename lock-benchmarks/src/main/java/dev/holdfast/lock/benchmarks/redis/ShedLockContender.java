package dev.holdfast.lock.benchmarks.redis;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * ShedLock: {@code RedisLockProvider.lock} then {@code SimpleLock.unlock()}. ShedLock cannot wait for a lock, so a
 * waiter retries at once in a busy loop, the fastest hand-off a ShedLock user can get.
 */
final class ShedLockContender implements RedisContender {

    private final LettuceConnectionFactory factory = BenchmarkRedis.factory();

    private final LockProvider provider = new RedisLockProvider(factory, "bench");

    @Override
    public void cycle(String id) {
        lock(id).orElseThrow(() -> new IllegalStateException("ShedLock refused lock [" + id + "]"))
                .unlock();
    }

    @Override
    public Held acquire(String id) {
        while (true) {
            Optional<SimpleLock> lock = lock(id);
            if (lock.isPresent()) {
                return lock.get()::unlock;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        factory.destroy();
    }

    private Optional<SimpleLock> lock(String id) {
        return provider.lock(new LockConfiguration(ClockProvider.now(), id, Duration.ofSeconds(30), Duration.ZERO));
    }
}

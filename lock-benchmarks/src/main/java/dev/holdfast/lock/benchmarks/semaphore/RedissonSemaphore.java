package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RSemaphore;
import org.redisson.api.RedissonClient;

/**
 * Redisson's {@code RSemaphore}: a counter of permits without owners or leases (a client that dies keeps its permits
 * for ever), {@code trySetPermits} once per semaphore and client.
 */
final class RedissonSemaphore implements SemaphoreContender {

    private final RedissonClient client = BenchmarkRedis.redisson();

    private final Map<String, RSemaphore> semaphores = new ConcurrentHashMap<>();

    @Override
    public void cycle(String id) {
        RSemaphore semaphore = semaphore(id);
        if (!semaphore.tryAcquire()) {
            throw new IllegalStateException("Redisson refused a permit of semaphore [" + id + "]");
        }
        semaphore.release();
    }

    @Override
    public Held acquire(String id, int permits) {
        RSemaphore semaphore = semaphore(id);
        try {
            semaphore.acquire(permits);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for a permit of [" + id + "]", ex);
        }
        return () -> semaphore.release(permits);
    }

    private RSemaphore semaphore(String id) {
        return semaphores.computeIfAbsent(id, (name) -> {
            RSemaphore semaphore = client.getSemaphore("redisson-sem-bench:" + RUN + "-" + name);
            semaphore.trySetPermits(SIZE);
            return semaphore;
        });
    }

    @Override
    public void close() {
        semaphores.values().forEach(RSemaphore::delete);
        client.shutdown();
    }
}

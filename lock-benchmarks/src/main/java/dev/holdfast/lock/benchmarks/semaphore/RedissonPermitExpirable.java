package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;

/**
 * Redisson's {@code RPermitExpirableSemaphore}: each permit has an id and a lease (30 s here, as Holdfast's; Redisson
 * does not renew it), {@code trySetPermits} once per semaphore and client.
 */
final class RedissonPermitExpirable implements SemaphoreContender {

    private final RedissonClient client = BenchmarkRedis.redisson();

    private final Map<String, RPermitExpirableSemaphore> semaphores = new ConcurrentHashMap<>();

    @Override
    public void cycle(String id) {
        RPermitExpirableSemaphore semaphore = semaphore(id);
        String permit;
        try {
            permit = semaphore.tryAcquire(0, 30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted taking a permit of [" + id + "]", ex);
        }
        if (permit == null) {
            throw new IllegalStateException("Redisson refused a permit of semaphore [" + id + "]");
        }
        semaphore.release(permit);
    }

    @Override
    public Held acquire(String id, int permits) {
        RPermitExpirableSemaphore semaphore = semaphore(id);
        try {
            List<String> taken = semaphore.acquire(permits, 30, TimeUnit.SECONDS);
            return () -> semaphore.release(taken);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for a permit of [" + id + "]", ex);
        }
    }

    private RPermitExpirableSemaphore semaphore(String id) {
        return semaphores.computeIfAbsent(id, (name) -> {
            RPermitExpirableSemaphore semaphore =
                    client.getPermitExpirableSemaphore("redisson-sem-bench:" + RUN + "-" + name);
            semaphore.trySetPermits(SIZE);
            return semaphore;
        });
    }

    @Override
    public void close() {
        semaphores.values().forEach(RPermitExpirableSemaphore::delete);
        client.shutdown();
    }
}

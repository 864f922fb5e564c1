package dev.holdfast.lock.benchmarks.semaphore;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreInUseException;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.redis.RedisLockStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Holdfast: {@link LockTemplate#semaphore} on {@link RedisLockStore}, the semaphore created by the first request
 * ({@code createIfMissing}); a 30 s lease per grant, renewed by the watchdog as by default.
 */
final class HoldfastSemaphore implements SemaphoreContender {

    private final LettuceConnectionFactory factory = BenchmarkRedis.factory();

    private final RedisLockStore store = new RedisLockStore(factory, "holdfast-bench");

    private final LockTemplate template = LockTemplate.of(store);

    private final Map<String, LeasedSemaphore> semaphores = new ConcurrentHashMap<>();

    private final PermitRequest once = PermitRequest.permits(1)
            .lease(Duration.ofSeconds(30))
            .createIfMissing(SIZE, false)
            .build();

    private final Map<Integer, PermitRequest> waits = new ConcurrentHashMap<>();

    @Override
    public void cycle(String id) {
        LockResult result = semaphore(id).tryAcquire(once);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Holdfast refused a permit of semaphore [" + id + "]: " + result);
        }
        acquired.lease().close();
    }

    @Override
    public Held acquire(String id, int permits) {
        PermitRequest request = waits.computeIfAbsent(
                permits,
                (n) -> PermitRequest.permits(n)
                        .lease(Duration.ofSeconds(30))
                        .waitTime(Duration.ofSeconds(60))
                        .createIfMissing(SIZE, false)
                        .build());
        Lease lease = semaphore(id).acquire(request);
        return lease::close;
    }

    private LeasedSemaphore semaphore(String id) {
        return semaphores.computeIfAbsent(id, (name) -> template.semaphore("sem-bench", RUN + "-" + name));
    }

    @Override
    public void close() {
        for (LeasedSemaphore semaphore : semaphores.values()) {
            try {
                semaphore.delete();
            } catch (SemaphoreInUseException ex) {
                // Another client (the hand-off's filler) still holds permits; the last one to close deletes it.
            }
        }
        template.close();
        store.close();
        factory.destroy();
    }
}

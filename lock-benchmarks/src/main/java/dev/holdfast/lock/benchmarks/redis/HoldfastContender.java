package dev.holdfast.lock.benchmarks.redis;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.redis.RedisLockStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Holdfast: {@link RedisLockStore} behind a {@link LockTemplate}, the path {@code @Locked} and users take:
 * {@code tryAcquire} (or {@code acquire} with a wait) then {@code Lease.close()}, auto-renew on as by default.
 */
final class HoldfastContender implements RedisContender {

    private final Map<String, LockRequest> tries = new ConcurrentHashMap<>();

    private final Map<String, LockRequest> waits = new ConcurrentHashMap<>();

    private final LettuceConnectionFactory factory = BenchmarkRedis.factory();

    private final RedisLockStore store = new RedisLockStore(factory, "holdfast-bench");

    private final LockTemplate template = LockTemplate.of(store);

    @Override
    public void cycle(String id) {
        LockRequest request = tries.computeIfAbsent(
                id,
                (name) -> LockRequest.of("bench", name)
                        .lease(Duration.ofSeconds(30))
                        .build());
        LockResult result = template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Holdfast refused lock [bench:" + id + "]: " + result);
        }
        acquired.lease().close();
    }

    @Override
    public Held acquire(String id) {
        LockRequest request = waits.computeIfAbsent(
                id,
                (name) -> LockRequest.of("bench", name)
                        .lease(Duration.ofSeconds(30))
                        .waitTime(Duration.ofSeconds(60))
                        .build());
        Lease lease = template.acquire(request);
        return lease::close;
    }

    @Override
    public void close() {
        template.close();
        store.close();
        factory.destroy();
    }
}

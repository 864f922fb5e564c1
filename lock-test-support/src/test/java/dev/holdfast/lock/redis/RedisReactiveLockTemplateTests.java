package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.reactive.ReactiveLockTemplate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link ReactiveLockTemplate} on Redis over Lettuce: acquire and release go out through Lettuce's asynchronous API,
 * so the scheduler for blocking calls is never used.
 */
class RedisReactiveLockTemplateTests {

    private final LettuceConnectionFactory factory = RedisConnections.toTestRedis();

    private final RedisLockStore store = new RedisLockStore(factory, RedisConnections.uniquePrefix(getClass()));

    private final LockTemplate template = LockTemplate.of(store);

    private final ExecutorService blocking = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        template.close();
        store.close();
        factory.destroy();
        blocking.shutdownNow();
    }

    @Test
    void shouldAcquireAndReleaseWithoutTheSchedulerForBlockingCalls() {
        AtomicInteger offloaded = new AtomicInteger();
        ReactiveLockTemplate reactive = ReactiveLockTemplate.of(template, Schedulers.fromExecutor((task) -> {
            offloaded.incrementAndGet();
            blocking.execute(task);
        }));
        LockKey key = LockKey.of("rx", UUID.randomUUID());
        LockRequest request =
                LockRequest.of(key).owner("alice").lease(Duration.ofSeconds(30)).build();
        Mono<String> locked = reactive.execute(
                request,
                (lease) -> Mono.fromCallable(
                                () -> store.inspect(key).map(LockState::owner).orElse("free"))
                        // A blocking call: off Lettuce's thread, which published the grant, and off the template's
                        // scheduler.
                        .subscribeOn(Schedulers.boundedElastic()));
        StepVerifier.create(locked).expectNext("alice").verifyComplete();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.inspect(key).isEmpty());
        assertThat(offloaded).hasValue(0);
    }
}

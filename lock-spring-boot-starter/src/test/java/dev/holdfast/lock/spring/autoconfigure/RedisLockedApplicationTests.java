package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.aop.Locked;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole starter against the real Redis: the store is detected and @Locked excludes across threads. */
@SpringBootTest(
        classes = RedisLockedApplicationTests.RedisApplication.class,
        properties = {"spring.datasource.generate-unique-name=true", "holdfast.default-wait=30s"})
class RedisLockedApplicationTests {

    private static final String PREFIX =
            "holdfast-starter-" + UUID.randomUUID().toString().substring(0, 8);

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @Autowired
    private LockTemplate template;

    @Autowired
    private LockStore store;

    @Autowired
    private StarterApplicationTests.Counter counter;

    @Autowired
    private Reception reception;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisService redis = TestServices.redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("holdfast.redis.key-prefix", () -> PREFIX);
    }

    @Autowired
    private StringRedisTemplate redisTemplate;

    @AfterEach
    void stopThreadsAndDeleteKeys() {
        this.threads.shutdownNow();
        this.redisTemplate.delete(this.redisTemplate.keys(PREFIX + ":*"));
    }

    @Test
    void shouldPreferRedisOverTheDatabaseWhenBothArePresent() {
        assertThat(this.template.storeName()).isEqualTo("redis");
        assertThat(this.store).isInstanceOf(RedisLockStore.class);
        assertThat(((RedisLockStore) this.store).prefix()).isEqualTo(PREFIX);
    }

    @Test
    void shouldNeverLetTwoThreadsInsideTheSameRedisLock() throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            calls.add(this.threads.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    this.counter.increment();
                }
            }));
        }
        for (Future<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        assertThat(this.counter.mostInside()).isEqualTo(1);
        assertThat(this.counter.total()).isEqualTo(100);
    }

    @Test
    void shouldRefuseAnotherThreadWhileHeldAndHandOverTheFencingToken() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Future<Long> holder = this.threads.submit(() -> this.reception.checkIn("101", entered, leave));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatExceptionOfType(LockNotAcquiredException.class)
                .isThrownBy(() -> this.reception.checkIn("101", new CountDownLatch(1), new CountDownLatch(0)))
                .withMessageStartingWith("Lock [checkin:101] not acquired");
        leave.countDown();
        long first = holder.get(10, TimeUnit.SECONDS);
        long second = this.reception.checkIn("101", new CountDownLatch(1), new CountDownLatch(0));
        assertThat(second).isGreaterThan(first);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({StarterApplicationTests.Counter.class, Reception.class})
    static class RedisApplication {}

    /** Checks guests in one room at a time, handing the fencing token back. */
    public static class Reception {

        @Locked(name = "checkin", key = "#room", waitTime = "0s")
        public long checkIn(String room, CountDownLatch entered, CountDownLatch leave) throws InterruptedException {
            entered.countDown();
            leave.await(10, TimeUnit.SECONDS);
            return LockTemplate.currentLease().orElseThrow().token();
        }
    }
}

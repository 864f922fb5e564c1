package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Waiting on the Redis store: one subscription for all waiters, woken by release. */
class RedisLockStoreSubscriptionTests {

    private static final int WAITERS = 20;

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreSubscriptionTests.class);

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private LockTemplate template;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
        template = LockTemplate.builder(store).instanceId("subscription").build();
    }

    @AfterEach
    void tearDown() {
        template.close();
        store.close();
        factory.destroy();
    }

    @Test
    void shouldHoldOneSubscriptionForManyWaitersAndWakeThemAllOnRelease() throws Exception {
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            held.add(template.acquire(request(i, "holder").build()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS);
        try {
            List<CompletableFuture<Long>> waiters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                int lock = i;
                waiters.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (Lease lease = template.acquire(request(lock, "waiter-" + lock)
                                    .waitTime(Duration.ofSeconds(20))
                                    .build())) {
                                return lease.token();
                            }
                        },
                        pool));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.subscription().waiters().size() == WAITERS);
            assertThat(subscribers()).isEqualTo(1);
            long releasedAt = System.nanoTime();
            held.forEach(Lease::close);
            for (CompletableFuture<Long> waiter : waiters) {
                assertThat(waiter.get(10, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isLessThan(Duration.ofMillis(900));
            assertThat(store.subscription().waiters().size()).isZero();
            assertThat(subscribers()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldWakeOneLocalWaiterPerReleaseNotAll() throws Exception {
        int waiters = 30;
        LockKey key = new LockKey("wait", "herd");
        LettuceConnectionFactory otherFactory = RedisConnections.toTestRedis();
        RedisLockStore other = new RedisLockStore(otherFactory, prefix);
        ExecutorService pool = Executors.newFixedThreadPool(waiters);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        try {
            long holder = granted(other.acquire(command(key, "holder")));
            List<CompletableFuture<Long>> runs = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                String owner = "waiter-" + i;
                runs.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (Lease lease = template.acquire(LockRequest.of(key)
                                    .owner(owner)
                                    .lease(Duration.ofSeconds(30))
                                    .waitTime(Duration.ofSeconds(30))
                                    .build())) {
                                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                inside.decrementAndGet();
                                return lease.token();
                            }
                        },
                        pool));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.subscription().waiters().size() == waiters);
            long before = scriptCalls();
            long start = System.nanoTime();
            assertThat(other.release(key, "holder", holder)).isEqualTo(ReleaseOutcome.RELEASED);
            for (CompletableFuture<Long> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isGreaterThan(holder);
            }
            long scripts = scriptCalls() - before;
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            assertThat(mostInside).hasValue(1);
            // One acquire and one release per hand-off, a few refusals, and each waiter's once-a-second re-check.
            // Waking every waiter on every release would cost about waiters^2 / 2 = 450 acquires.
            assertThat(scripts)
                    .as("scripts for %d hand-offs in %d s", waiters, seconds)
                    .isLessThanOrEqualTo(4L * waiters + seconds * waiters);
            assertThat(store.inspect(key)).isEmpty();
        } finally {
            pool.shutdownNow();
            other.close();
            otherFactory.destroy();
        }
    }

    @Test
    void shouldStopTheSubscriptionOnClose() {
        try (Lease lease = template.acquire(request(0, "holder").build())) {
            template.tryAcquire(
                    request(0, "waiter").waitTime(Duration.ofMillis(50)).build());
            assertThat(subscribers()).isEqualTo(1);
            store.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers() == 0);
        }
    }

    @Test
    void shouldHandTheGrantSentOnReleaseToTheWaiterWithOneHoldTimedFromWhenItWasSent() throws Exception {
        LockKey key = new LockKey("wait", "prefetch");
        long holder = granted(store.acquire(command(key, "alice")));
        try (LockWatch watch = store.watch(command(key, "bob"))) {
            assertThat(watch.next(Duration.ZERO).outcome()).isInstanceOf(AcquireOutcome.Refused.class);
            assertThat(store.release(key, "alice", holder)).isEqualTo(ReleaseOutcome.RELEASED);
            // The subscription's thread asks for bob the moment the release arrives, before bob takes the answer.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.inspect(key).map(LockState::owner).orElse(""), "bob"::equals);
            long takenAt = System.nanoTime();
            AcquireAttempt taken = watch.next(Duration.ofSeconds(5));
            assertThat(taken.askedNanos()).isLessThan(takenAt);
            assertThat(taken.outcome()).isInstanceOfSatisfying(AcquireOutcome.Granted.class, (granted) -> {
                assertThat(granted.holds()).isEqualTo(1);
                assertThat(granted.token()).isGreaterThan(holder);
                assertThat(store.inspect(key))
                        .get()
                        .extracting(LockState::holds)
                        .isEqualTo(1);
                assertThat(store.release(key, "bob", granted.token())).isEqualTo(ReleaseOutcome.RELEASED);
            });
        }
        assertThat(store.inspect(key)).isEmpty();
    }

    @Test
    void shouldReleaseAGrantSentOnReleaseThatTheWaiterNoLongerTakes() throws Exception {
        LockKey key = new LockKey("wait", "orphan");
        long holder = granted(store.acquire(command(key, "alice")));
        LockWatch watch = store.watch(command(key, "bob"));
        assertThat(watch.next(Duration.ZERO).outcome()).isInstanceOf(AcquireOutcome.Refused.class);
        assertThat(store.release(key, "alice", holder)).isEqualTo(ReleaseOutcome.RELEASED);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.inspect(key).map(LockState::owner).orElse(""), "bob"::equals);
        watch.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.inspect(key).isEmpty());
        assertThat(granted(store.acquire(command(key, "carol")))).isPositive();
    }

    @Test
    void shouldKeepHandingOneKeyBetweenIndependentClientsWithoutLeakingAHold() throws Exception {
        int clients = 4;
        int iterations = 1000;
        LockKey key = new LockKey("wait", "hand-offs");
        List<LockTemplate> templates = new ArrayList<>();
        List<Runnable> closers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LettuceConnectionFactory own = RedisConnections.toTestRedis();
            RedisLockStore client = new RedisLockStore(own, prefix);
            LockTemplate clientTemplate =
                    LockTemplate.builder(client).instanceId("client-" + i).build();
            templates.add(clientTemplate);
            closers.add(() -> {
                clientTemplate.close();
                client.close();
                own.destroy();
            });
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (LockTemplate clientTemplate : templates) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> {
                            LockRequest request = LockRequest.of(key)
                                    .lease(Duration.ofSeconds(30))
                                    .waitTime(Duration.ofSeconds(20))
                                    .build();
                            for (int i = 0; i < iterations; i++) {
                                try (Lease lease = clientTemplate.acquire(request)) {
                                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                    inside.decrementAndGet();
                                }
                            }
                            return iterations;
                        },
                        pool));
            }
            int total = 0;
            for (CompletableFuture<Integer> run : runs) {
                total += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(clients * iterations);
            assertThat(mostInside).hasValue(1);
            assertThat(store.inspect(key)).isEmpty();
        } finally {
            pool.shutdownNow();
            closers.forEach(Runnable::run);
        }
    }

    private static AcquireCommand command(LockKey key, String owner) {
        return new AcquireCommand(key, owner, 0, Duration.ofSeconds(30), AcquireMode.LOCK);
    }

    private static long granted(AcquireOutcome outcome) {
        assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        return ((AcquireOutcome.Granted) outcome).token();
    }

    private LockRequest.Builder request(int lock, String owner) {
        return LockRequest.of(new LockKey("wait", "lock-" + lock))
                .owner(owner)
                .lease(Duration.ofSeconds(30))
                .autoRenew(false);
    }

    private long scriptCalls() {
        try (RedisConnection connection = factory.getConnection()) {
            Properties stats = connection.serverCommands().info("commandstats");
            return calls(stats, "cmdstat_evalsha") + calls(stats, "cmdstat_eval");
        }
    }

    private static long calls(Properties stats, String command) {
        String line = stats.getProperty(command);
        return (line != null) ? Long.parseLong(line.replaceAll("^calls=(\\d+),.*", "$1")) : 0;
    }

    private long subscribers() {
        String channel = prefix + ":released";
        RedisService redis = TestServices.redis();
        RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
        } finally {
            client.shutdown();
        }
    }
}

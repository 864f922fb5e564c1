package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Waiters on semaphores and read/write locks are woken by the release channel: every store here re-checks only once
 * a minute and every lease lasts a minute, so a waiter granted within seconds was woken by a release message. One
 * release that gives back several permits lets several waiters in, and a waiter of another client is woken too.
 */
class RedisLockStoreSemaphoreWaitingTests {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private static final Duration LEASE = Duration.ofMinutes(1);

    private static final Duration WOKEN = Duration.ofSeconds(15);

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreSemaphoreWaitingTests.class);

    private final String namespace = "waiting";

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void shouldLetEveryWaiterInWhenOneReleaseGivesBackSeveralPermits() throws Exception {
        RedisLockStore store = client();
        LeasedSemaphore semaphore = template(store).semaphore(namespace, "several");
        semaphore.create(3);
        Lease holder = template(client())
                .semaphore(namespace, "several")
                .acquire(request("holder", 3).build());
        AtomicInteger inside = new AtomicInteger();
        List<CompletableFuture<Lease>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PermitRequest request =
                    request("waiter-" + i, 1).waitTime(Duration.ofSeconds(40)).build();
            waiters.add(CompletableFuture.supplyAsync(() -> grantedInside(semaphore.acquire(request), inside), pool));
        }
        await().atMost(WOKEN).until(() -> store.subscription().waiters().size() == 3);
        holder.close();
        for (CompletableFuture<Lease> waiter : waiters) {
            assertThat(waiter.get(WOKEN.toSeconds(), TimeUnit.SECONDS).isHeld()).isTrue();
        }
        assertThat(inside).hasValue(3);
        assertThat(semaphore.inspect()).get().extracting(SemaphoreState::used).isEqualTo(3);
    }

    @Test
    void shouldLetEveryWaitingReaderInWhenTheWriterReleases() throws Exception {
        RedisLockStore store = client();
        LeasedReadWriteLock doc = template(store).readWriteLock(namespace, "doc");
        Lease writer = template(client())
                .readWriteLock(namespace, "doc")
                .acquireWrite(request("writer", 1).build());
        List<CompletableFuture<Lease>> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PermitRequest request =
                    request("reader-" + i, 1).waitTime(Duration.ofSeconds(40)).build();
            readers.add(CompletableFuture.supplyAsync(() -> doc.acquireRead(request), pool));
        }
        await().atMost(WOKEN).until(() -> store.subscription().waiters().size() == 3);
        writer.close();
        for (CompletableFuture<Lease> reader : readers) {
            assertThat(reader.get(WOKEN.toSeconds(), TimeUnit.SECONDS).isHeld()).isTrue();
        }
        assertThat(doc.inspect())
                .get()
                .satisfies((state) -> assertThat(state.holders())
                        .extracting(PermitHolder::owner)
                        .containsExactlyInAnyOrder("reader-0", "reader-1", "reader-2"));
    }

    @Test
    void shouldHandThePermitOnToWaitersOfEveryClientInTurn() throws Exception {
        RedisLockStore first = client();
        RedisLockStore second = client();
        List<LeasedSemaphore> clients = List.of(
                template(first).semaphore(namespace, "turns"), template(second).semaphore(namespace, "turns"));
        clients.get(0).create(1);
        Lease holder = template(client())
                .semaphore(namespace, "turns")
                .acquire(request("holder", 1).build());
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<CompletableFuture<Long>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LeasedSemaphore semaphore = clients.get(i % 2);
            PermitRequest request =
                    request("waiter-" + i, 1).waitTime(Duration.ofSeconds(50)).build();
            waiters.add(CompletableFuture.supplyAsync(
                    () -> {
                        try (Lease lease = semaphore.acquire(request)) {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            inside.decrementAndGet();
                            return lease.token();
                        }
                    },
                    pool));
        }
        await().atMost(WOKEN)
                .until(() -> first.subscription().waiters().size() == 2
                        && second.subscription().waiters().size() == 2);
        holder.close();
        // Each release wakes the next waiter, whichever client it waits in: four hand-offs, none by a re-check.
        for (CompletableFuture<Long> waiter : waiters) {
            assertThat(waiter.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isGreaterThan(holder.token());
        }
        assertThat(mostInside).hasValue(1);
    }

    private static Lease grantedInside(Lease lease, AtomicInteger inside) {
        inside.incrementAndGet();
        return lease;
    }

    private PermitRequest.Builder request(String owner, int permits) {
        return PermitRequest.permits(permits).owner(owner).lease(LEASE).autoRenew(false);
    }

    /** Open a store of its own connections that re-checks only once a minute without a release message. */
    private RedisLockStore client() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        RedisLockStore store = new RedisLockStore(factory, prefix, ReplicaAcks.NONE, RECHECK);
        closeables.add(0, factory::destroy);
        closeables.add(0, store);
        return store;
    }

    private LockTemplate template(RedisLockStore store) {
        LockTemplate template =
                LockTemplate.builder(store).instanceId("waiting").build();
        closeables.add(0, template);
        return template;
    }
}

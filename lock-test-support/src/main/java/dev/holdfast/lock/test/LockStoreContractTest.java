package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link dev.holdfast.lock.spi.LockStore} honours, in the spirit of ShedLock's
 * {@code AbstractLockProviderIntegrationTest}: extend it and implement {@link #createStore()} (and
 * {@link #createIndependentClient()} where the store has clients). Its superclasses hold the rules of acquire and
 * release, tokens and reentrancy ({@link LockStoreBasicContract}), priorities and handles
 * ({@link LockStorePriorityContract}) and waiting ({@link LockStoreWaitingContract}); this class holds the
 * concurrency fuzz and the rejection of bad input.
 */
public abstract class LockStoreContractTest extends LockStoreWaitingContract {

    /**
     * Return how many independent clients the fuzz uses; each has its own template and, where the store has
     * clients, its own connections.
     *
     * @return the number of clients
     */
    protected int fuzzClients() {
        return 3;
    }

    /**
     * Return how many times each fuzz thread takes a lock.
     *
     * @return the iterations per thread
     */
    protected int fuzzIterations() {
        return 40;
    }

    @Test
    void shouldNeverLetTwoHoldersOverlapUnderConcurrency() throws Exception {
        int keys = 3;
        int threads = 6;
        int iterations = fuzzIterations();
        List<LockTemplate> clients = new ArrayList<>();
        for (int i = 0; i < fuzzClients(); i++) {
            clients.add(track(LockTemplate.builder(createIndependentClient())
                    .instanceId("fuzz-" + i)
                    .build()));
        }
        AtomicInteger[] inside = new AtomicInteger[keys];
        AtomicInteger[] mostInside = new AtomicInteger[keys];
        long[] unsafeCounters = new long[keys];
        for (int k = 0; k < keys; k++) {
            inside[k] = new AtomicInteger();
            mostInside[k] = new AtomicInteger();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LockTemplate client = clients.get(t % clients.size());
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < iterations; i++) {
                        int k = ThreadLocalRandom.current().nextInt(keys);
                        LockRequest request = LockRequest.of(key("k" + k))
                                .lease(Duration.ofSeconds(10))
                                .waitTime(Duration.ofSeconds(30))
                                .build();
                        try (Lease lease = client.acquire(request)) {
                            int now = inside[k].incrementAndGet();
                            mostInside[k].accumulateAndGet(now, Math::max);
                            long read = unsafeCounters[k];
                            Thread.yield();
                            unsafeCounters[k] = read + 1;
                            inside[k].decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (int k = 0; k < keys; k++) {
            assertThat(mostInside[k].get()).as("most holders of k%d at once", k).isEqualTo(1);
            total += unsafeCounters[k];
        }
        assertThat(total).isEqualTo((long) threads * iterations);
        for (int k = 0; k < keys; k++) {
            assertThat(store.inspect(key("k" + k))).isEmpty();
        }
    }

    @Test
    void shouldRejectBadKeysWithMessagesNamingThem() {
        assertThatThrownBy(() -> new LockKey(" ", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace")
                .hasMessageContaining("[ ]");
        assertThatThrownBy(() -> new LockKey("room", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[room]");
        assertThatThrownBy(() -> LockKey.of("room", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[room]")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new LockKey("room", "x".repeat(LockKey.MAX_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than " + LockKey.MAX_ID_LENGTH);
        assertThatThrownBy(() -> new LockKey("ro:om", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[ro:om]");
        assertThatThrownBy(() -> new LockKey("room", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control");
    }

    @Test
    void shouldRejectBadOwnersAndDurationsWithMessagesNamingThem() {
        assertThatThrownBy(() -> request("a", " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("owner");
        assertThatThrownBy(() -> request("a", "x".repeat(LockRequest.MAX_OWNER_LENGTH + 1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than " + LockRequest.MAX_OWNER_LENGTH);
        assertThatThrownBy(() -> request("a", "alice").lease(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() ->
                        request("a", "alice").waitTime(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("PT-1S");
        try (Lease lease = acquire("a", "alice")) {
            assertThatThrownBy(() -> lease.renew(Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[" + key("a") + "]")
                    .hasMessageContaining("PT-0.005S");
        }
        assertThatThrownBy(() -> template.handles(namespace, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + namespace + "]");
        assertThatThrownBy(
                        () -> template.handles(namespace, Duration.ofMinutes(1)).create("r", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
        assertThat(store.list(namespace, 10)).isEmpty();
    }
}

package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
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
 * The store contract's concurrency fuzz: threads of several independent clients take a few locks at random, and no
 * two of them are ever inside the same lock at once (a holder counter that must never exceed one, and a counter that
 * only exclusive access keeps exact). Implement it in a {@link LockStoreContract}.
 */
public interface ConcurrencyContract extends LockStoreFixture {

    /**
     * Return how many independent clients the fuzz uses; each has its own template and, where the store has
     * clients, its own connections.
     *
     * @return the number of clients
     */
    default int fuzzClients() {
        return 3;
    }

    /**
     * Return how many times each fuzz thread takes a lock.
     *
     * @return the iterations per thread
     */
    default int fuzzIterations() {
        return 40;
    }

    @Test
    default void shouldNeverLetTwoHoldersOverlapUnderConcurrency() throws Exception {
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
            assertThat(store().inspect(key("k" + k))).isEmpty();
        }
    }
}

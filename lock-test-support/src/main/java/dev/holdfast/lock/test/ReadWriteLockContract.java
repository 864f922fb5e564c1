package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.LockUpgradeException;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of read/write locks (SPEC §6): many readers or one writer, leased and fenced; writers
 * preferred over new readers, but a writer refused that stops waiting (or never waited) keeps no reader out; no upgrade
 * while other readers hold, a writer may downgrade; and a fuzz in which no
 * reader is ever inside with a writer. Implement it in a {@link LockStoreContract} whose store is a
 * {@link SemaphoreStore}.
 */
public interface ReadWriteLockContract extends LockStoreFixture {

    default LeasedReadWriteLock document(String id) {
        return template().readWriteLock(namespace(), id);
    }

    default PermitRequest.Builder as(String owner) {
        return PermitRequest.builder().owner(owner).lease(LONG).autoRenew(false);
    }

    @Test
    default void shouldShareAmongReadersAndExcludeAWriter() {
        LeasedReadWriteLock doc = document("doc");
        Lease alice = doc.acquireRead(as("alice").build());
        Lease bob = doc.acquireRead(as("bob").build());
        assertThat(doc.tryAcquireWrite(as("carol").build()).acquired()).isFalse();
        assertThat(doc.inspect()).get().satisfies((state) -> {
            assertThat(state.kind()).isEqualTo(SemaphoreKind.READ_WRITE);
            assertThat(state.holders()).extracting(PermitHolder::owner).containsExactlyInAnyOrder("alice", "bob");
            assertThat(state.holders()).noneMatch(PermitHolder::exclusive);
        });
        alice.close();
        assertThat(doc.tryAcquireWrite(as("carol").build()).acquired()).isFalse();
        bob.close();
        try (Lease carol = doc.acquireWrite(as("carol").build())) {
            assertThat(carol.token()).isGreaterThan(bob.token());
            assertThat(doc.tryAcquireRead(as("dave").build()).acquired()).isFalse();
            assertThat(doc.tryAcquireWrite(as("erin").build()).acquired()).isFalse();
        }
        assertThat(doc.inspect()).isEmpty();
    }

    @Test
    default void shouldPreferAWaitingWriterOverNewReaders() throws Exception {
        LeasedReadWriteLock doc = document("prefer");
        Lease reader = doc.acquireRead(as("reader").build());
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = doc.acquireWrite(
                    as("writer").waitTime(Duration.ofSeconds(20)).build())) {
                return lease.token();
            }
        });
        awaitWaiting("prefer");
        assertThat(doc.tryAcquireRead(as("late-reader").build()).acquired())
                .as("a new reader while a writer waits")
                .isFalse();
        reader.close();
        assertThat(writer.get(20, TimeUnit.SECONDS)).isGreaterThan(reader.token());
        try (Lease late = doc.acquireRead(as("late-reader").build())) {
            assertThat(late.isHeld()).isTrue();
        }
    }

    /**
     * Return how soon after a waiting writer gives up a reader waiting behind it must be granted: well under the
     * stores' re-check interval (or, for stores that poll, their longest poll), and far under
     * {@link SemaphoreStore#QUEUE_CLAIM}, so that a reader let in only by re-checking or by the writer's place running
     * out fails.
     *
     * @return the bound
     */
    default Duration writerGaveUpWakeUpBound() {
        return Duration.ofMillis(500);
    }

    @Test
    default void shouldNotKeepReadersOutAfterAWriterRefusedWithoutWaiting() {
        LeasedReadWriteLock doc = document("no-wait");
        try (Lease alice = doc.acquireRead(as("alice").build())) {
            assertThat(doc.tryAcquireWrite(as("writer").build()).acquired()).isFalse();
            assertThat(doc.inspect()).get().extracting(SemaphoreState::queued).isEqualTo(0);
            try (Lease bob =
                    granted(doc.tryAcquireRead(as("bob").build()), "a reader right after a writer that did not wait")) {
                assertThat(bob.isHeld()).isTrue();
            }
        }
    }

    @Test
    default void shouldLetWaitingReadersInAtOnceWhenAWaitingWriterGivesUp() throws Exception {
        LeasedReadWriteLock doc = document("gives-up");
        Lease alice = doc.acquireRead(as("alice").build());
        CompletableFuture<Long> writerGaveUp = CompletableFuture.supplyAsync(() -> {
            LockResult result = doc.tryAcquireWrite(
                    as("writer").waitTime(Duration.ofSeconds(2)).build());
            long gaveUpAt = System.nanoTime();
            assertThat(result.acquired())
                    .as("the writer's wait while a reader holds")
                    .isFalse();
            return gaveUpAt;
        });
        awaitWaiting("gives-up");
        CompletableFuture<Long> readerGranted = CompletableFuture.supplyAsync(() -> {
            try (Lease bob = doc.acquireRead(as("bob").waitTime(PATIENCE).build())) {
                return System.nanoTime();
            }
        });
        await("the reader waiting behind the writer")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> recorded().waiters(key("gives-up")) == 2);
        assertThat(readerGranted).as("a reader while a writer waits").isNotDone();
        long gaveUpAt = writerGaveUp.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        long grantedAt = readerGranted.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(grantedAt - gaveUpAt))
                .as("from the writer giving up to the waiting reader's grant")
                .isLessThan(writerGaveUpWakeUpBound());
        try (Lease carol =
                granted(doc.tryAcquireRead(as("carol").build()), "a reader right after the writer gave up")) {
            assertThat(carol.isHeld()).isTrue();
        }
        alice.close();
    }

    @Test
    default void shouldRefuseAnUpgradeWhileOtherReadersHoldButLetTheOnlyReaderUpgrade() {
        LeasedReadWriteLock doc = document("upgrade");
        Lease alice = doc.acquireRead(as("alice").build());
        Lease bob = doc.acquireRead(as("bob").build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> doc.tryAcquireWrite(
                        as("alice").waitTime(Duration.ofSeconds(20)).build()))
                .isInstanceOf(LockUpgradeException.class)
                .hasMessageContaining("[" + key("upgrade") + "]")
                .hasMessageContaining("alice");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        bob.close();
        try (Lease write = doc.acquireWrite(as("alice").build())) {
            assertThat(doc.tryAcquireRead(as("bob").build()).acquired()).isFalse();
        }
        alice.close();
    }

    @Test
    default void shouldLetAWriterDowngradeToAReader() {
        LeasedReadWriteLock doc = document("downgrade");
        Lease write = doc.acquireWrite(as("alice").build());
        Lease read = doc.acquireRead(as("alice").build());
        write.close();
        assertThat(doc.tryAcquireWrite(as("bob").build()).acquired()).isFalse();
        try (Lease bob = doc.acquireRead(as("bob").build())) {
            assertThat(doc.inspect())
                    .get()
                    .satisfies((state) -> assertThat(state.holders())
                            .extracting(PermitHolder::owner)
                            .containsExactlyInAnyOrder("alice", "bob"));
        }
        read.close();
    }

    @Test
    default void shouldFreeTheLockWhenAWritersLeaseRunsOut() {
        LeasedReadWriteLock doc = document("expire");
        Lease crashed = doc.acquireWrite(as("crashed").lease(SHORT).build());
        await("the crashed writer's lock free")
                .atMost(PATIENCE)
                .until(() -> doc.tryAcquireRead(as("bob").build()).acquired());
        assertThat(crashed.isHeld()).isFalse();
        assertThat(crashed.release()).isFalse();
    }

    @Test
    default void shouldRejectAReadWriteLockOnAPlainLocksKey() {
        try (Lease lock = acquire("both", "alice")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> document("both").tryAcquireRead(as("bob").build()))
                    .withMessageContaining("[" + key("both") + "]");
        }
    }

    @Test
    default void shouldNeverLetAReaderInWithAWriterUnderConcurrency() throws Exception {
        int threads = 6;
        int iterations = 30;
        List<LockTemplate> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(track(LockTemplate.builder(createIndependentClient())
                    .instanceId("rw-fuzz-" + i)
                    .build()));
        }
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger mostReaders = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LeasedReadWriteLock doc = clients.get(t % clients.size()).readWriteLock(namespace(), "fuzz");
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < iterations; i++) {
                        boolean write = ThreadLocalRandom.current().nextInt(4) == 0;
                        PermitRequest request = PermitRequest.builder()
                                .lease(Duration.ofSeconds(10))
                                .waitTime(Duration.ofSeconds(30))
                                .build();
                        if (write) {
                            try (Lease lease = doc.acquireWrite(request)) {
                                if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                                    violations.incrementAndGet();
                                }
                                Thread.yield();
                                writers.decrementAndGet();
                            }
                        } else {
                            try (Lease lease = doc.acquireRead(request)) {
                                mostReaders.accumulateAndGet(readers.incrementAndGet(), Math::max);
                                if (writers.get() != 0) {
                                    violations.incrementAndGet();
                                }
                                Thread.yield();
                                readers.decrementAndGet();
                            }
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
        assertThat(violations)
                .as("readers inside with a writer, or two writers")
                .hasValue(0);
        assertThat(document("fuzz").inspect()).isEmpty();
    }
}

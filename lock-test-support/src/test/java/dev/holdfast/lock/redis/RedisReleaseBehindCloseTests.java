package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@link LockTemplate.Builder#releaseBehindClose}: on Lettuce's shared native connection {@code close()} sends the
 * release without waiting for it, and the store's later calls for the lock are ordered after it, so the next acquire
 * of the same thread is a fresh grant (never a re-entry of the lease just closed), the lock is never granted twice,
 * and a loss that only the release's answer reveals reaches the listeners.
 */
class RedisReleaseBehindCloseTests {

    private final String prefix = RedisConnections.uniquePrefix(RedisReleaseBehindCloseTests.class);

    private final RecordingListener listener = new RecordingListener();

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private LockTemplate template;

    @BeforeEach
    void setUp() {
        factory = RedisConnections.toTestRedis();
        store = new RedisLockStore(factory, prefix);
        template = LockTemplate.builder(store)
                .listener(listener)
                .releaseBehindClose(true)
                .build();
    }

    @AfterEach
    void tearDown() {
        template.close();
        store.close();
        factory.destroy();
    }

    @Test
    void shouldGrantTheSameThreadANewTokenRightAfterAClosedLease() {
        LockRequest request = LockRequest.of("behind", "one-thread").build();
        long previous = 0;
        for (int i = 0; i < 2_000; i++) {
            Lease lease = acquired(template.tryAcquire(request));
            // A release not yet applied would let the same owner re-enter: same token, two holds.
            assertThat(lease.token()).as("token of grant %d", i).isGreaterThan(previous);
            previous = lease.token();
            lease.close();
            assertThat(lease.isHeld()).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> template.heldCount() == 0);
        assertThat(store.inspect(request.key())).isEmpty();
        assertThat(listener.of("Released")).hasSize(2_000);
        assertThat(listener.of("Lost")).isEmpty();
    }

    @Test
    void shouldNeverGrantTheLockToTwoThreadsAtOnce() throws InterruptedException {
        LockRequest request = LockRequest.of("behind", "shared").build();
        AtomicReference<String> holder = new AtomicReference<>();
        AtomicInteger grants = new AtomicInteger();
        ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> tokens = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "thread-" + t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        if (template.tryAcquire(request) instanceof LockResult.Acquired acquired) {
                            String before = holder.getAndSet(name);
                            if (before != null) {
                                overlaps.add(name + " after " + before);
                            }
                            tokens.add(acquired.lease().token());
                            grants.incrementAndGet();
                            holder.compareAndSet(name, null);
                            acquired.lease().close();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.start();
            threads.add(thread);
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).isEmpty();
        assertThat(grants.get()).isPositive();
        assertThat(tokens).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(10)).until(() -> template.heldCount() == 0);
        assertThat(store.inspect(request.key())).isEmpty();
        assertThat(listener.of("Lost")).isEmpty();
    }

    @Test
    void shouldTellTheListenersOfALossThatOnlyTheReleaseRevealed() {
        LockRequest request = LockRequest.of("behind", "freed-behind-its-back").build();
        Lease lease = acquired(template.tryAcquire(request));
        // An operator frees the lock straight in the store: this template does not know until the release answers.
        assertThat(store.expire(request.key(), null)).isTrue();

        assertThatCode(lease::close).doesNotThrowAnyException();

        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.of("Lost").isEmpty());
        assertThat(listener.of("Lost")).singleElement().satisfies((event) -> {
            assertThat(event.key()).isEqualTo(request.key());
            assertThat(event.token()).isEqualTo(lease.token());
            assertThat(event.error()).hasMessageContaining("release found the lock no longer held");
        });
        assertThat(listener.of("Released")).isEmpty();
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldStillWaitForTheAnswerInRelease() {
        LockRequest request = LockRequest.of("behind", "explicit-release").build();
        Lease lease = acquired(template.tryAcquire(request));
        assertThat(lease.release()).isTrue();
        assertThat(store.inspect(request.key())).isEmpty();
        Lease again = acquired(template.tryAcquire(request));
        assertThat(store.expire(request.key(), null)).isTrue();
        assertThat(again.release()).isFalse();
    }

    @Test
    void shouldWaitAsByDefaultWhenTheStoreCannotOrderTheRelease() {
        factory.setShareNativeConnection(false);
        try (RedisLockStore perCall = new RedisLockStore(factory, prefix + "-per-call");
                LockTemplate waiting =
                        LockTemplate.builder(perCall).releaseBehindClose(true).build()) {
            LockRequest request = LockRequest.of("behind", "per-call").build();
            Lease lease = acquired(waiting.tryAcquire(request));
            lease.close();
            // Spring Data connections per call cannot order it: close() waited, so the lock is already free.
            assertThat(perCall.inspect(request.key())).isEmpty();
            assertThat(perCall.releaseInOrder(request.key(), "nobody", 1)).isNull();
        } finally {
            factory.setShareNativeConnection(true);
        }
    }

    private static Lease acquired(LockResult result) {
        assertThat(result).isInstanceOf(LockResult.Acquired.class);
        return ((LockResult.Acquired) result).lease();
    }
}

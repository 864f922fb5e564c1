package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every duration is validated when the request is built; waiting until granted and never expiring are explicit. */
class LockDurationsTests {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final DelegatingStore store = new DelegatingStore(new InMemoryLockStore(clock));

    private final LockTemplate template =
            LockTemplate.builder(store).instanceId("durations").build();

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldRejectLeasesOutsideTheBoundsNamingTheLockAndTheValue() {
        for (Duration lease : new Duration[] {
            Duration.ofMillis(Long.MAX_VALUE),
            Duration.ofDays(366),
            Duration.ofDays(365L * 300),
            Duration.ZERO,
            Duration.ofNanos(999_999),
            Duration.ofSeconds(-1)
        }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LockRequest.of("job", "a").lease(lease).build())
                    .withMessageContaining("[job:a]")
                    .withMessageContaining(lease.toString())
                    .withMessageContaining("LockRequest.FOREVER");
        }
        assertThat(LockRequest.of("job", "a")
                        .lease(LockRequest.MAX_LEASE)
                        .build()
                        .lease())
                .isEqualTo(Duration.ofDays(365));
    }

    @Test
    void shouldRejectWaitsOutsideTheBoundsAndTakeForeverAsUntilGranted() {
        for (Duration wait :
                new Duration[] {Duration.ofMillis(Long.MAX_VALUE), Duration.ofDays(366), Duration.ofNanos(-1)}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LockRequest.of("job", "a").waitTime(wait).build())
                    .withMessageContaining("[job:a]")
                    .withMessageContaining(wait.toString());
        }
        assertThat(LockRequest.of("job", "a")
                        .waitTime(ChronoUnit.FOREVER.getDuration())
                        .build()
                        .waitTime())
                .isEqualTo(LockRequest.FOREVER);
        assertThat(LockRequest.of("job", "a").waitUntilGranted().build().waitTime())
                .isEqualTo(LockRequest.FOREVER);
    }

    @Test
    void shouldWriteNothingForABadDurationAnywhere() {
        LockHandles handles = template.handles("room", Duration.ofMinutes(1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> handles.create(101, "Tom", Duration.ofMillis(Long.MAX_VALUE)))
                .withMessageContaining("[room:101]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> handles.claim(101, "Tom", Duration.ofDays(-1)))
                .withMessageContaining("[room:101]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> template.handles("room", Duration.ofDays(400)))
                .withMessageContaining("[room]");
        try (Lease lease = template.acquire(LockRequest.of("job", "a").build())) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> lease.renew(Duration.ofMillis(Long.MAX_VALUE)))
                    .withMessageContaining("[job:a]");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> lease.releaseAfter(Duration.ofDays(400)))
                    .withMessageContaining("[job:a]");
            assertThat(lease.isHeld()).isTrue();
        }
        assertThat(store.list(null, 10)).isEmpty();
        assertThat(store.acquireCalls).hasValue(1);
    }

    @Test
    void shouldKeepANeverExpiringLockUntilReleased() {
        Lease lease = template.acquire(
                LockRequest.of("job", "forever").owner("alice").neverExpires().build());
        now.updateAndGet((instant) -> instant.plus(Duration.ofDays(3650)));
        assertThat(lease.isHeld()).isTrue();
        assertThat(lease.remaining()).isEqualTo(LockRequest.FOREVER);
        assertThat(store.inspect(lease.key())).get().satisfies((state) -> {
            assertThat(state.neverExpires()).isTrue();
            assertThat(state.remaining()).isEqualTo(LockRequest.FOREVER);
            assertThat(state.toString()).contains("never expires");
        });
        assertThat(template.tryAcquire(
                                LockRequest.of("job", "forever").owner("bob").build())
                        .acquired())
                .isFalse();
        assertThat(lease.release()).isTrue();
        assertThat(store.inspect(lease.key())).isEmpty();
    }

    @Test
    void shouldWaitUntilGranted() throws Exception {
        Lease holder =
                template.acquire(LockRequest.of("job", "b").owner("alice").build());
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = template.acquire(
                    LockRequest.of("job", "b").owner("bob").waitUntilGranted().build())) {
                return lease.token();
            }
        });
        // The waiter was refused and waits: it neither fails nor gives up while the holder keeps the lock.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.acquireCalls.get() >= 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiter.isDone());
        holder.close();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isGreaterThan(holder.token());
    }
}

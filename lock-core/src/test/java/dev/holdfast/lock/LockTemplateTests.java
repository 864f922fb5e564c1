package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockTemplateTests {

    private final DelegatingStore store = new DelegatingStore(new InMemoryLockStore());

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LockTemplate template = LockTemplate.builder(store)
            .instanceId("test")
            .watchdogPeriod(Duration.ofMillis(50))
            .listener(new LockListener() {
                @Override
                public void onAcquired(LockEvent event) {
                    throw new IllegalStateException("a broken listener");
                }

                @Override
                public void onReleased(LockEvent event) {
                    throw new IllegalStateException("a broken listener");
                }
            })
            .listener(new LockListener() {
                @Override
                public void onReleased(LockEvent event) {
                    heard.add("released " + event.key());
                }

                @Override
                public void onLost(LockEvent event) {
                    heard.add("lost " + event.key());
                }

                @Override
                public void onRenewalFailed(LockEvent event) {
                    heard.add("renewal failed " + event.key());
                }

                @Override
                public void onError(LockEvent event) {
                    heard.add("error " + event.key());
                }

                @Override
                public void onNotAcquired(LockEvent event) {
                    heard.add("not acquired " + event.key() + " " + event.reason());
                }
            })
            .build();

    @AfterEach
    void close() {
        template.close();
    }

    private static LockRequest.Builder request(String id) {
        return LockRequest.of("job", id).lease(Duration.ofMillis(300));
    }

    @Test
    void shouldReleaseEvenWhenAListenerThrows() {
        Lease lease = template.acquire(request("a").build());
        assertThat(lease.release()).isTrue();
        assertThat(store.inspect(lease.key())).isEmpty();
        assertThat(heard).containsExactly("released job:a");
    }

    @Test
    void shouldRenewManyLeasesInOneBatch() {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // A lease long enough that a loaded machine's scheduling delays cannot let one run out between renewals.
            leases.add(template.acquire(
                    request("k" + i).lease(Duration.ofSeconds(1)).build()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.renewedInBatches.get() >= 40);
        assertThat(store.renewAllCalls.get()).isLessThan(store.renewedInBatches.get() / 5);
        assertThat(leases).allMatch(Lease::isHeld);
        leases.forEach(Lease::close);
    }

    @Test
    void shouldReportRenewalFailureAndThenLossWhenStoreIsDown() {
        Lease lease = template.acquire(request("a").build());
        store.down.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("lost job:a"));
        assertThat(heard).contains("renewal failed job:a");
        assertThat(lease.isHeld()).isFalse();
        store.down.set(false);
        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class).hasMessageContaining("[job:a]");
    }

    @Test
    void shouldFailFastAndNeverGrantWhenStoreIsDown() {
        store.down.set(true);
        assertThatThrownBy(() -> template.acquire(
                        request("a").waitTime(Duration.ofSeconds(5)).build()))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("[job:a]")
                .hasRootCauseMessage("connection refused");
        assertThat(heard).containsExactly("error job:a");
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldExposeCurrentLeaseInsideExecuteOnly() throws IOException {
        assertThat(LockTemplate.currentLease()).isEmpty();
        long token = template.execute(request("a").build(), (lease) -> {
            assertThat(LockTemplate.currentLease()).containsSame(lease);
            long inner = template.execute(request("b").build(), (nested) -> {
                assertThat(LockTemplate.currentLease()).containsSame(nested);
                return nested.token();
            });
            assertThat(LockTemplate.currentLease()).containsSame(lease);
            return inner;
        });
        assertThat(token).isPositive();
        assertThat(LockTemplate.currentLease()).isEmpty();
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldReleaseAndRethrowWhenCallbackThrows() {
        assertThatThrownBy(() -> template.execute(request("a").build(), (lease) -> {
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
        assertThat(store.inspect(LockKey.of("job", "a"))).isEmpty();
        assertThat(LockTemplate.currentLease()).isEmpty();
    }

    @Test
    void shouldThrowLockLostWhenLeaseWasLostDuringExecute() {
        assertThatThrownBy(() -> template.execute(request("a").autoRenew(false).build(), (lease) -> {
                    template.forceRelease(lease.key());
                    return "done";
                }))
                .isInstanceOf(LockLostException.class)
                .hasMessageContaining("force-released");
    }

    @Test
    void shouldCountHeldLeases() {
        Lease a = template.acquire(request("a").build());
        Lease b = template.acquire(request("b").build());
        assertThat(template.heldCount()).isEqualTo(2);
        a.close();
        b.close();
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldTellListenersWhetherARefusalWasHeldOrTimedOut() {
        try (Lease lease = template.acquire(request("a").owner("Tom").build())) {
            assertThat(template.tryAcquire(request("a").owner("Jack").build()).acquired())
                    .isFalse();
            assertThat(template.tryAcquire(request("a")
                                    .owner("Jack")
                                    .waitTime(Duration.ofMillis(30))
                                    .build())
                            .acquired())
                    .isFalse();
        }
        assertThat(heard).containsExactly("not acquired job:a HELD", "not acquired job:a TIMED_OUT", "released job:a");
    }
}

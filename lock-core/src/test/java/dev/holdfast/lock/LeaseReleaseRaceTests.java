package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One lease used by several threads: it gives back its hold exactly once, and reports a loss only when the lease was
 * lost. The store's release is held open on a gate, so the second thread always arrives while the first is inside.
 */
class LeaseReleaseRaceTests {

    private final DelegatingStore store = new DelegatingStore(new InMemoryLockStore());

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LockTemplate template = LockTemplate.builder(store)
            .instanceId("race")
            .watchdogPeriod(Duration.ofMillis(20))
            .listener(new LockListener() {
                @Override
                public void onReleased(LockEvent event) {
                    heard.add("released " + event.token());
                }

                @Override
                public void onLost(LockEvent event) {
                    heard.add("lost " + event.token());
                }
            })
            .build();

    @AfterEach
    void close() {
        store.releaseGate = null;
        template.close();
    }

    private static LockRequest.Builder request() {
        return LockRequest.of("job", "a")
                .owner("alice")
                .lease(Duration.ofSeconds(30))
                .autoRenew(false);
    }

    @Test
    void shouldReleaseOneHoldWhenTwoThreadsReleaseTheSameLeaseAtOnce() throws Exception {
        Lease outer = template.acquire(request().build());
        Lease inner = template.acquire(request().build());
        CountDownLatch gate = new CountDownLatch(1);
        store.releaseGate = gate;
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(inner::release);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.releaseCalls.get() == 1);
        // The second release must answer at once, without going to the store, while the first is inside.
        boolean second = CompletableFuture.supplyAsync(inner::release).get(5, TimeUnit.SECONDS);
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isFalse();
        assertThat(store.releaseCalls).hasValue(1);
        assertThat(store.inspect(outer.key()))
                .get()
                .extracting(LockState::holds)
                .isEqualTo(1);
        assertThat(template.tryAcquire(request().owner("bob").build()).acquired())
                .isFalse();
        assertThat(outer.isHeld()).isTrue();
        assertThat(heard).doesNotContain("lost " + outer.token());
        outer.close();
        assertThat(store.inspect(outer.key())).isEmpty();
    }

    @Test
    void shouldLetCloseRacingReleaseWaitForItsAnswerWithoutReportingALoss() throws Exception {
        Lease lease = template.acquire(request().build());
        CountDownLatch gate = new CountDownLatch(1);
        store.releaseGate = gate;
        CompletableFuture<Boolean> release = CompletableFuture.supplyAsync(lease::release);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.releaseCalls.get() == 1);
        CompletableFuture<Void> close = CompletableFuture.runAsync(lease::close);
        assertThat(close).isNotDone();
        gate.countDown();
        assertThat(release.get(10, TimeUnit.SECONDS)).isTrue();
        close.get(10, TimeUnit.SECONDS);
        assertThat(store.releaseCalls).hasValue(1);
        assertThat(heard).containsExactly("released " + lease.token());
    }

    @Test
    void shouldNotReportALossWhenTheWatchdogsRenewalMeetsTheLockItsReleaseJustFreed() throws Exception {
        Lease lease = template.acquire(
                request().lease(Duration.ofMillis(600)).autoRenew(true).build());
        CountDownLatch gate = new CountDownLatch(1);
        store.releaseGate = gate;
        CompletableFuture<Boolean> release = CompletableFuture.supplyAsync(lease::release);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.releaseCalls.get() == 1);
        // The lock is gone from the store while the release has not answered: a renewal now is refused.
        int renewals = store.renewAllCalls.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.renewAllCalls.get() > renewals);
        gate.countDown();
        assertThat(release.get(10, TimeUnit.SECONDS)).isTrue();
        lease.close();
        assertThat(heard).containsExactly("released " + lease.token());
    }

    @Test
    void shouldReportALossHeardWhileTheReleaseWasOnItsWayWhenTheReleaseFindsTheLockGone() throws Exception {
        Lease lease = template.acquire(request().build());
        store.beforeRelease = () -> template.forceRelease(lease.key());
        assertThat(lease.release()).isFalse();
        assertThat(heard).containsExactly("lost " + lease.token());
        assertThat(lease.isHeld()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(lease::close)
                .isInstanceOf(LockLostException.class)
                .hasMessageContaining("force-released");
    }
}

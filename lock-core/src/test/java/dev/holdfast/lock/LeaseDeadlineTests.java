package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lease's local deadline: counted from before the grant was asked for, and reported by the watchdog on time. */
class LeaseDeadlineTests {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LockListener recorder = new LockListener() {
        @Override
        public void onLost(LockEvent event) {
            heard.add("lost " + event.key());
        }

        @Override
        public void onRenewed(LockEvent event) {
            heard.add("renewed " + event.key());
        }
    };

    private LockTemplate template;

    @AfterEach
    void close() {
        if (template != null) {
            template.close();
        }
    }

    @Test
    void shouldReportLossByTheDeadlineWhileTheStoreHangsOnARenewal() throws Exception {
        DelegatingStore store = new DelegatingStore(new InMemoryLockStore());
        template = LockTemplate.builder(store)
                .instanceId("deadline")
                .watchdogPeriod(Duration.ofMillis(20))
                .listener(recorder)
                .build();
        Lease lease = template.acquire(LockRequest.of("job", "a")
                .lease(Duration.ofMillis(900))
                .autoRenew(true)
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("renewed job:a"));
        CountDownLatch frozen = new CountDownLatch(1);
        store.renewGate = frozen;
        try {
            // Renewals now hang, like a command behind a frozen network with a long client timeout.
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("lost job:a"));
            assertThat(frozen.getCount())
                    .as("still frozen when the loss was reported")
                    .isOne();
            assertThat(lease.isHeld()).isFalse();
        } finally {
            frozen.countDown();
        }
        // The renewal that the store confirms after the loss is given back rather than kept for nobody.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.inspect(lease.key()).isEmpty());
    }

    @Test
    void shouldCountTheLeaseFromWhenTheGrantWasAskedForNotWhenTheWaiterTookIt() {
        long lateByNanos = Duration.ofMillis(400).toNanos();
        InMemoryLockStore memory = new InMemoryLockStore();
        DelegatingStore store = new DelegatingStore(memory) {
            @Override
            public LockWatch watch(AcquireCommand command) {
                return new LockWatch() {
                    @Override
                    public AcquireAttempt next(Duration max) {
                        // A grant asked for on the waiter's behalf 400 ms before the waiter takes it.
                        AcquireOutcome outcome = memory.acquire(command);
                        return new AcquireAttempt(outcome, System.nanoTime() - lateByNanos);
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        template = LockTemplate.builder(store).instanceId("late").build();
        store.refuseNextAcquire = true;
        Lease lease = template.acquire(LockRequest.of("job", "b")
                .owner("bob")
                .lease(Duration.ofSeconds(1))
                .waitTime(Duration.ofSeconds(5))
                .autoRenew(false)
                .build());
        assertThat(lease.remaining()).isLessThanOrEqualTo(Duration.ofMillis(600));
        lease.close();
    }
}

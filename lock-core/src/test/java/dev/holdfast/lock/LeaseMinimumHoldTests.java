package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseMinimumHoldTests {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LockTemplate template = LockTemplate.builder(new InMemoryLockStore())
            .instanceId("test")
            .watchdogPeriod(Duration.ofMillis(20))
            .listener(new LockListener() {
                @Override
                public void onReleased(LockEvent event) {
                    heard.add("released " + event.key());
                }
            })
            .build();

    private final LockRequest request = LockRequest.of("job", "report")
            .owner("node-1")
            .lease(Duration.ofSeconds(30))
            .build();

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldKeepLockTakenUntilMinimumHoldHasPassed() {
        Lease lease = template.acquire(request);
        assertThat(lease.releaseAfter(Duration.ofMillis(300))).isTrue();

        assertThat(lease.isHeld()).isFalse();
        assertThat(heard).containsExactly("released job:report");
        assertThat(template.heldCount()).isZero();
        assertThat(template.inspect(request.key())).isPresent();
        assertThat(template.tryAcquire(request.withOwner("node-2")).acquired()).isFalse();
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(template.inspect(request.key())).isEmpty());
        assertThat(template.tryAcquire(request.withOwner("node-2")).acquired()).isTrue();
    }

    @Test
    void shouldCutTheLeaseToWhatIsLeftOfTheMinimumHold() {
        Lease lease = template.acquire(request);
        lease.releaseAfter(Duration.ofMillis(500));

        LockState state = template.inspect(request.key()).orElseThrow();
        assertThat(state.remaining()).isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldReleaseAtOnceWhenMinimumHoldHasAlreadyPassed() {
        Lease lease = template.acquire(request);
        assertThat(lease.releaseAfter(Duration.ZERO)).isTrue();

        assertThat(template.inspect(request.key())).isEmpty();
        assertThat(lease.releaseAfter(Duration.ZERO)).isFalse();
    }

    @Test
    void shouldAnswerFalseWhenLeaseWasLostBeforeTheMinimumHold() {
        Lease lease = template.acquire(request);
        template.forceRelease(request.key());

        assertThat(lease.releaseAfter(Duration.ofSeconds(5))).isFalse();
        assertThat(template.inspect(request.key())).isEmpty();
    }

    @Test
    void shouldRejectNegativeMinimumHoldNamingTheLock() {
        Lease lease = template.acquire(request);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> lease.releaseAfter(Duration.ofSeconds(-1)))
                .withMessage("Lock [job:report] minimum hold must be from PT0S to PT8760H, but was PT-1S");
        lease.release();
    }

    @Test
    void shouldExposeLeaseAsCurrentWhileCodeRunsUnderItOnly() {
        try (Lease lease = template.acquire(request)) {
            Long token = CurrentLeases.runUnder(
                    lease,
                    (current) -> LockTemplate.currentLease().orElseThrow().token());
            assertThat(token).isEqualTo(lease.token());
            assertThat(LockTemplate.currentLease()).isEmpty();
            assertThat(lease.isHeld()).isTrue();
        }
    }
}

package dev.holdfast.lock.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.test.SwitchableLockStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerLockListenerTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final SwitchableLockStore store = new SwitchableLockStore();

    private final LockTemplate template = LockTemplate.builder(store)
            .listener(new MicrometerLockListener(registry))
            .watchdogPeriod(Duration.ofMillis(20))
            .build();

    @AfterEach
    void close() {
        template.close();
    }

    private static LockRequest.Builder room(String id) {
        return LockRequest.of("room", id).name("booking").lease(Duration.ofSeconds(5));
    }

    private Timer acquireTimer(String outcome) {
        return registry.get("holdfast.lock.acquire")
                .tags("lock.name", "booking", "lock.store", "memory", "lock.kind", "lock", "outcome", outcome)
                .timer();
    }

    private double count(String counter) {
        Counter found = registry.find(counter)
                .tags("lock.name", "booking", "lock.store", "memory", "lock.kind", "lock")
                .counter();
        return (found != null) ? found.count() : 0;
    }

    @Test
    void shouldTimeAcquisitionAndHoldOfAReleasedLock() {
        try (Lease lease = template.acquire(room("101").owner("Tom").build())) {
            assertThat(lease.isHeld()).isTrue();
        }
        assertThat(acquireTimer("acquired").count()).isEqualTo(1);
        assertThat(acquireTimer("acquired").getId().getTag("error")).isEqualTo("none");
        Timer held = registry.get("holdfast.lock.held")
                .tags("lock.name", "booking", "lock.store", "memory", "lock.kind", "lock")
                .timer();
        assertThat(held.count()).isEqualTo(1);
        assertThat(registry.find("holdfast.lock.lost").counter()).isNull();
    }

    @Test
    void shouldTagARefusalWithoutWaitAsRefusedAndAnExpiredWaitAsTimedOut() {
        try (Lease lease = template.acquire(room("101").owner("Tom").build())) {
            assertThat(template.tryAcquire(room("101").owner("Jack").build()).acquired())
                    .isFalse();
            assertThat(template.tryAcquire(room("101")
                                    .owner("Jack")
                                    .waitTime(Duration.ofMillis(50))
                                    .build())
                            .acquired())
                    .isFalse();
        }
        assertThat(acquireTimer("refused").count()).isEqualTo(1);
        Timer timedOut = acquireTimer("timed_out");
        assertThat(timedOut.count()).isEqualTo(1);
        assertThat(timedOut.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
        assertThat(acquireTimer("acquired").count()).isEqualTo(1);
    }

    @Test
    void shouldTagAStoreFailureAsError() {
        store.down(true);
        assertThatThrownBy(() -> template.acquire(room("101").build())).isInstanceOf(LockStoreException.class);
        assertThat(acquireTimer("error").count()).isEqualTo(1);
        assertThat(acquireTimer("error").getId().getTag("error")).isEqualTo("LockStoreException");
    }

    @Test
    void shouldCountPreemptionAndTheDisplacedHoldersLoss() {
        Lease nice = template.acquire(room("101").owner("nice").priority(0).build());
        Lease vip = template.acquire(room("101").owner("vip").priority(10).build());
        assertThat(nice.isHeld()).isFalse();
        vip.close();
        assertThat(count("holdfast.lock.preempted")).isEqualTo(1);
        assertThat(count("holdfast.lock.lost")).isEqualTo(1);
        assertThat(registry.get("holdfast.lock.held").timer().count()).isEqualTo(2);
    }

    @Test
    void shouldCountALeaseLostToExpiryWithoutAutoRenew() {
        Lease lease = template.acquire(
                room("101").lease(Duration.ofMillis(30)).autoRenew(false).build());
        await().atMost(Duration.ofSeconds(2))
                .until(() -> store.inspect(lease.key()).isEmpty());
        assertThat(lease.release()).isFalse();
        assertThat(count("holdfast.lock.lost")).isEqualTo(1);
    }

    @Test
    void shouldCountRenewalFailuresWhenTheStoreGoesAway() {
        Lease lease = template.acquire(room("101").lease(Duration.ofMillis(300)).build());
        store.down(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("holdfast.lock.lost") == 1);
        assertThat(count("holdfast.lock.renewal.failures")).isGreaterThanOrEqualTo(1);
        assertThat(lease.isHeld()).isFalse();
    }

    @Test
    void shouldTagByNameStoreKindOutcomeAndErrorOnlyNeverTheKeyOrOwner() {
        for (int i = 0; i < 5; i++) {
            template.acquire(room("10" + i).owner("owner-" + i).build()).close();
        }
        List<Meter> meters = registry.getMeters();
        assertThat(meters).isNotEmpty();
        assertThat(meters)
                .flatMap((meter) -> meter.getId().getTags())
                .extracting(Tag::getKey)
                .allMatch((key) -> List.of("lock.name", "lock.store", "lock.kind", "outcome", "error")
                        .contains(key));
        assertThat(registry.get("holdfast.lock.acquire").timers()).hasSize(1);
        assertThat(acquireTimer("acquired").count()).isEqualTo(5);
    }

    @Test
    void shouldGaugeHeldLeases() {
        new LockTemplateMetrics(List.of(template)).bindTo(registry);
        Gauge active =
                registry.get("holdfast.lock.active").tag("lock.store", "memory").gauge();
        assertThat(active.value()).isZero();
        Lease first = template.acquire(room("101").build());
        Lease second = template.acquire(room("102").build());
        assertThat(active.value()).isEqualTo(2);
        first.close();
        second.close();
        assertThat(active.value()).isZero();
    }
}

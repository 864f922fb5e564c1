package dev.holdfast.lock.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.memory.InMemoryLockStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of lock is metered under the same names and tag keys, told apart by {@code lock.kind}. */
class LockKindMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final LockTemplate template = LockTemplate.builder(new InMemoryLockStore())
            .listener(new MicrometerLockListener(registry))
            .build();

    @AfterEach
    void close() {
        template.close();
    }

    private double acquisitions(String name, String kind, String outcome) {
        Timer timer = registry.find("holdfast.lock.acquire")
                .tags("lock.name", name, "lock.store", "memory", "lock.kind", kind, "outcome", outcome)
                .timer();
        return (timer != null) ? timer.count() : 0;
    }

    private double count(String meter, String name, String kind) {
        Counter counter = registry.find(meter)
                .tags("lock.name", name, "lock.store", "memory", "lock.kind", kind)
                .counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void shouldMeterHandlesAsKindHandleNamedAfterTheirNamespace() {
        LockHandles rooms = template.handles("room", Duration.ofMinutes(1));
        assertThat(rooms.create(101, "Tom")).isTrue();
        assertThat(rooms.create(101, "Jack")).isFalse();
        assertThat(rooms.claim(101, "Jack")).isTrue();
        assertThat(acquisitions("room", "handle", "acquired")).isEqualTo(2);
        assertThat(acquisitions("room", "handle", "refused")).isEqualTo(1);
        assertThat(count("holdfast.lock.preempted", "room", "handle")).isEqualTo(1);
        assertThat(acquisitions("room", "lock", "acquired")).isZero();
    }

    @Test
    void shouldMeterSemaphorePermitsAsKindSemaphoreWithHoldTimeAndMissingOutcome() {
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        assertThat(exports.tryAcquire(PermitRequest.permits(1).build()).acquired())
                .isFalse();
        exports.create(1);
        try (Lease permit = exports.acquire(1)) {
            assertThat(exports.tryAcquire(PermitRequest.permits(1).build()).acquired())
                    .isFalse();
            assertThat(exports.handles(Duration.ofMinutes(1)).acquire("job", 1)).isEmpty();
        }
        assertThat(acquisitions("export", "semaphore", "missing")).isEqualTo(1);
        assertThat(acquisitions("export", "semaphore", "acquired")).isEqualTo(1);
        assertThat(acquisitions("export", "semaphore", "refused")).isEqualTo(2);
        assertThat(registry.get("holdfast.lock.held")
                        .tags("lock.name", "export", "lock.kind", "semaphore")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void shouldMeterReadAndWriteHoldsApartAndCountAForceReleasedPermitAsLost() {
        LeasedReadWriteLock document = template.readWriteLock("document", 42);
        Lease read = document.acquireRead(PermitRequest.builder().build());
        assertThat(document.tryAcquireWrite(
                                PermitRequest.builder().owner("writer").build())
                        .acquired())
                .isFalse();
        assertThat(template.forceReleasePermit(read.key(), read.token())).isTrue();
        assertThat(read.isHeld()).isFalse();
        document.acquireWrite(PermitRequest.builder().owner("writer").build()).close();
        assertThat(acquisitions("document", "read", "acquired")).isEqualTo(1);
        assertThat(acquisitions("document", "write", "refused")).isEqualTo(1);
        assertThat(acquisitions("document", "write", "acquired")).isEqualTo(1);
        assertThat(count("holdfast.lock.lost", "document", "read")).isEqualTo(1);
        assertThat(count("holdfast.lock.lost", "document", "write")).isZero();
    }

    @Test
    void shouldTimeARequestThatCanNeverBeGrantedAsAnError() {
        LeasedSemaphore exports = template.semaphore("export", "csv");
        exports.create(1);
        assertThatThrownBy(() -> exports.acquire(2)).isInstanceOf(IllegalArgumentException.class);
        Timer errors = registry.get("holdfast.lock.acquire")
                .tags("lock.kind", "semaphore", "outcome", "error")
                .timer();
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.getId().getTag("error")).isEqualTo("IllegalArgumentException");
    }

    @Test
    void shouldRegisterTheEventCountersAtZeroWhenTheTemplatesMetersAreBound() {
        assertThat(registry.find("holdfast.lock.lost").counters()).isEmpty();
        new LockTemplateMetrics(List.of(template)).bindTo(registry);
        for (String counter :
                List.of("holdfast.lock.lost", "holdfast.lock.preempted", "holdfast.lock.renewal.failures")) {
            assertThat(registry.get(counter)
                            .tags("lock.name", "none", "lock.store", "memory", "lock.kind", "lock")
                            .counter()
                            .count())
                    .as(counter)
                    .isZero();
        }
    }

    @Test
    void shouldLeaveTheAcquireTimerToTheObservationWhenAskedTo() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        try (LockTemplate observed = LockTemplate.builder(new InMemoryLockStore())
                .listener(new MicrometerLockListener(own, false))
                .build()) {
            observed.acquire(LockRequest.of("room", 1).build()).close();
        }
        assertThat(own.find("holdfast.lock.acquire").meters()).isEmpty();
        assertThat(own.get("holdfast.lock.held").timer().count()).isEqualTo(1);
    }
}

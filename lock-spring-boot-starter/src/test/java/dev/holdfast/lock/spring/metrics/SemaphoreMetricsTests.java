package dev.holdfast.lock.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.memory.InMemoryLockStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each semaphore used is gauged with its permits in use and its size, read from the store (every instance's). */
class SemaphoreMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final AtomicReference<LockTemplate> self = new AtomicReference<>();

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.builder(store)
            .listener(new SemaphoreMetrics(
                    registry,
                    (name) -> Optional.ofNullable(self.get())
                            .filter((t) -> t.storeName().equals(name))))
            .build();

    private final LockTemplate otherInstance = LockTemplate.of(store);

    @AfterEach
    void close() {
        template.close();
        otherInstance.close();
    }

    private Gauge gauge(String meter) {
        return registry.get(meter)
                .tags("lock.name", "export", "lock.store", "memory", "semaphore", "export:pdf")
                .gauge();
    }

    @Test
    void shouldGaugePermitsInUseAndSizeFromTheStoreOnceTheSemaphoreIsUsed() {
        self.set(template);
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        exports.create(3);
        assertThat(registry.find(SemaphoreMetrics.PERMITS_USED).gauges()).isEmpty();

        Lease mine = exports.acquire(1);
        assertThat(gauge(SemaphoreMetrics.PERMITS_USED).value()).isEqualTo(1);
        assertThat(gauge(SemaphoreMetrics.PERMITS_SIZE).value()).isEqualTo(3);

        Lease theirs = otherInstance
                .semaphore("export", "pdf")
                .acquire(PermitRequest.permits(2).build());
        assertThat(gauge(SemaphoreMetrics.PERMITS_USED).value()).isEqualTo(3);
        exports.resize(5);
        assertThat(gauge(SemaphoreMetrics.PERMITS_SIZE).value()).isEqualTo(5);

        mine.close();
        theirs.close();
        assertThat(gauge(SemaphoreMetrics.PERMITS_USED).value()).isZero();
        assertThat(exports.delete()).isTrue();
        assertThat(gauge(SemaphoreMetrics.PERMITS_SIZE).value()).isNaN();
    }

    @Test
    void shouldGaugeASemaphoreUsedThroughItsPermitHandlesButNotReadWriteLocks() {
        self.set(template);
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        exports.create(2);
        exports.handles(Duration.ofMinutes(1)).acquire("job-1", 2);
        template.readWriteLock("doc", 1)
                .acquireRead(PermitRequest.builder().build())
                .close();

        assertThat(gauge(SemaphoreMetrics.PERMITS_USED).value()).isEqualTo(2);
        assertThat(registry.find(SemaphoreMetrics.PERMITS_USED).gauges()).hasSize(1);
    }
}

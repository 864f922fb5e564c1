package dev.holdfast.lock.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spring.test.SwitchableLockStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Programmatic acquisitions of every kind are observed, not only {@code @Locked} calls. */
class ObservationLockListenerTests {

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private LockTemplate template(LockStore store) {
        return LockTemplate.builder(store)
                .listener(new ObservationLockListener(registry))
                .build();
    }

    @Test
    void shouldObserveAProgrammaticAcquisitionWithNameStoreKindAndOutcomeButNeverTheKey() {
        try (LockTemplate template = template(new InMemoryLockStore())) {
            template.acquire(LockRequest.of("room", "A-1").name("booking").build())
                    .close();
        }
        TestObservationRegistryAssert.assertThat(registry)
                .hasSingleObservationThat()
                .hasNameEqualTo("holdfast.lock.acquire")
                .hasContextualNameEqualTo("acquire booking")
                .hasLowCardinalityKeyValue("lock.name", "booking")
                .hasLowCardinalityKeyValue("lock.store", "memory")
                .hasLowCardinalityKeyValue("lock.kind", "lock")
                .hasLowCardinalityKeyValue("outcome", "acquired")
                .doesNotHaveError()
                .hasBeenStopped();
        TestObservationRegistryAssert.assertThat(registry)
                .hasHandledContextsThatSatisfy((contexts) ->
                        contexts.forEach((observed) -> assertThat(observed.getAllKeyValues().stream())
                                .noneMatch((keyValue) -> keyValue.getValue().contains("A-1"))));
    }

    @Test
    void shouldObserveRefusalsTimeoutsAndExecuteOfEachKind() throws Exception {
        try (LockTemplate template = template(new InMemoryLockStore())) {
            Lease held = template.acquire(LockRequest.of("room", 1).owner("Tom").build());
            template.tryAcquire(LockRequest.of("room", 1).owner("Jack").build());
            template.tryAcquire(LockRequest.of("room", 1)
                    .owner("Jack")
                    .waitTime(Duration.ofMillis(20))
                    .build());
            held.close();
            template.execute(LockRequest.of("room", 2).build(), (lease) -> lease.token());
            template.handles("desk", Duration.ofMinutes(1)).create(7, "Tom");
            template.semaphore("export", "pdf").create(1);
            template.semaphore("export", "pdf").acquire(1).close();
            template.readWriteLock("doc", 1)
                    .acquireWrite(PermitRequest.builder().build())
                    .close();
        }
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo("holdfast.lock.acquire", 7)
                .hasAnObservation((observation) -> observation
                        .hasLowCardinalityKeyValue("lock.name", "room")
                        .hasLowCardinalityKeyValue("outcome", "refused"))
                .hasAnObservation((observation) -> observation
                        .hasLowCardinalityKeyValue("lock.name", "room")
                        .hasLowCardinalityKeyValue("outcome", "timed_out"))
                .hasAnObservation((observation) -> observation
                        .hasLowCardinalityKeyValue("lock.name", "desk")
                        .hasLowCardinalityKeyValue("lock.kind", "handle"))
                .hasAnObservation((observation) -> observation
                        .hasLowCardinalityKeyValue("lock.name", "export")
                        .hasLowCardinalityKeyValue("lock.kind", "semaphore"))
                .hasAnObservation((observation) -> observation
                        .hasLowCardinalityKeyValue("lock.name", "doc")
                        .hasLowCardinalityKeyValue("lock.kind", "write")
                        .hasLowCardinalityKeyValue("outcome", "acquired"));
    }

    @Test
    void shouldObserveAStoreFailureAsAnErrorAndLeaveNoObservationInScope() {
        SwitchableLockStore store = new SwitchableLockStore();
        try (LockTemplate template = template(store)) {
            store.down(true);
            assertThatThrownBy(() -> template.acquire(LockRequest.of("room", 1).build()))
                    .isInstanceOf(LockStoreException.class);
        }
        TestObservationRegistryAssert.assertThat(registry)
                .hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "error")
                .hasBeenStopped()
                .assertThatError()
                .isInstanceOf(LockStoreException.class);
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void shouldMakeTheAcquisitionTheCurrentObservationWhileTheStoreIsAskedUnderItsCaller() {
        AtomicReference<Observation> seenByStore = new AtomicReference<>();
        LockStore store = new WatchedStore(() -> seenByStore.set(registry.getCurrentObservation()));
        Observation caller = Observation.start("caller", registry);
        try (LockTemplate template = template(store);
                Observation.Scope scope = caller.openScope()) {
            template.acquire(LockRequest.of("room", 1).build()).close();
        }
        caller.stop();
        assertThat(seenByStore.get()).isNotNull();
        assertThat(seenByStore.get().getContext()).isInstanceOf(LockAcquireContext.class);
        assertThat(seenByStore.get().getContext().getParentObservation()).isSameAs(caller);
    }

    /** The memory store, running a probe on each acquire: what the store's own instrumentation would see. */
    private static final class WatchedStore implements LockStore {

        private final LockStore delegate = new InMemoryLockStore();

        private final Runnable probe;

        WatchedStore(Runnable probe) {
            this.probe = probe;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public AcquireOutcome acquire(AcquireCommand command) {
            probe.run();
            return delegate.acquire(command);
        }

        @Override
        public boolean renew(RenewCommand command) {
            return delegate.renew(command);
        }

        @Override
        public ReleaseOutcome release(LockKey key, String owner, long token) {
            return delegate.release(key, owner, token);
        }

        @Override
        public boolean expire(LockKey key, @Nullable String owner) {
            return delegate.expire(key, owner);
        }

        @Override
        public Optional<LockState> inspect(LockKey key) {
            return delegate.inspect(key);
        }

        @Override
        public List<LockState> list(@Nullable String namespace, int limit) {
            return delegate.list(namespace, limit);
        }
    }
}

package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every acquisition, whatever its kind and however it ends, is told as {@code onAcquiring} followed on the same thread
 * by exactly one of {@code onAcquired}, {@code onNotAcquired} or {@code onError}: the contract a listener that times
 * or traces acquisitions relies on.
 */
class LockListenerProtocolTests {

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private final DelegatingStore store = new DelegatingStore(new InMemoryLockStore());

    private final LockTemplate template =
            LockTemplate.builder(store).listener(listener()).build();

    private final LockTemplate semaphores =
            LockTemplate.builder(new InMemoryLockStore()).listener(listener()).build();

    private LockListener listener() {
        return new LockListener() {
            @Override
            public void onAcquiring(LockEvent event) {
                heard.add(new Heard("start", event));
            }

            @Override
            public void onAcquired(LockEvent event) {
                heard.add(new Heard("end", event));
            }

            @Override
            public void onNotAcquired(LockEvent event) {
                heard.add(new Heard("end", event));
            }

            @Override
            public void onError(LockEvent event) {
                heard.add(new Heard("end", event));
            }
        };
    }

    @AfterEach
    void close() {
        Thread.interrupted();
        template.close();
        semaphores.close();
    }

    private record Heard(String type, LockEvent event, Thread thread) {
        Heard(String type, LockEvent event) {
            this(type, event, Thread.currentThread());
        }
    }

    /** Assert the pairs and return the kind and ending error class of each acquisition. */
    private List<String> acquisitions() {
        List<String> seen = new ArrayList<>();
        assertThat(heard.size() % 2).isZero();
        for (int i = 0; i < heard.size(); i += 2) {
            Heard start = heard.get(i);
            Heard end = heard.get(i + 1);
            assertThat(start.type()).isEqualTo("start");
            assertThat(end.type()).isEqualTo("end");
            assertThat(end.thread()).isSameAs(start.thread());
            assertThat(end.event().key()).isEqualTo(start.event().key());
            assertThat(end.event().kind()).isEqualTo(start.event().kind());
            Throwable error = end.event().error();
            seen.add(start.event().kind().value()
                    + ((error != null) ? ":" + error.getClass().getSimpleName() : ""));
        }
        return seen;
    }

    @Test
    void shouldPairEveryStartOfAPlainLockWithOneEndWhateverTheOutcome() {
        Lease held = template.acquire(LockRequest.of("room", 1).owner("Tom").build());
        template.tryAcquire(LockRequest.of("room", 1).owner("Jack").build());
        template.tryAcquire(LockRequest.of("room", 1)
                .owner("Jack")
                .waitTime(Duration.ofMillis(20))
                .build());
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> template.tryAcquire(LockRequest.of("room", 1)
                        .owner("Jack")
                        .waitTime(Duration.ofSeconds(5))
                        .build()))
                .isInstanceOf(LockInterruptedException.class);
        Thread.interrupted();
        held.close();
        store.down.set(true);
        assertThatThrownBy(() -> template.acquire(LockRequest.of("room", 2).build()))
                .isInstanceOf(LockStoreException.class);

        assertThat(acquisitions())
                .containsExactly("lock", "lock", "lock", "lock:LockInterruptedException", "lock:LockStoreException");
    }

    @Test
    void shouldPairHandlesSemaphoresPermitHandlesAndReadWriteHoldsIncludingRequestsThatCanNeverBeGranted() {
        template.handles("desk", Duration.ofMinutes(1)).create(1, "Tom");
        template.handles("desk", Duration.ofMinutes(1)).create(1, "Jack");
        LeasedSemaphore exports = semaphores.semaphore("export", "pdf");
        exports.tryAcquire(PermitRequest.permits(1).build());
        exports.create(1);
        assertThatThrownBy(() -> exports.acquire(2)).isInstanceOf(IllegalArgumentException.class);
        exports.acquire(1).close();
        PermitHandles slots = exports.handles(Duration.ofMinutes(1));
        long token = slots.acquire("job-1", 1).orElseThrow();
        assertThat(slots.acquire("job-2", 1)).isEmpty();
        slots.release("job-1", token);
        assertThatThrownBy(() -> semaphores
                        .semaphore("export", "none")
                        .handles(Duration.ofMinutes(1))
                        .acquire("job", 1))
                .isInstanceOf(IllegalStateException.class);
        LeasedReadWriteLock document = semaphores.readWriteLock("doc", 1);
        Lease reader = document.acquireRead(PermitRequest.builder().owner("a").build());
        document.acquireRead(PermitRequest.builder().owner("b").build());
        assertThatThrownBy(() ->
                        document.acquireWrite(PermitRequest.builder().owner("a").build()))
                .isInstanceOf(LockUpgradeException.class);
        reader.close();

        assertThat(acquisitions())
                .containsExactly(
                        "handle",
                        "handle",
                        "semaphore",
                        "semaphore:IllegalArgumentException",
                        "semaphore",
                        "semaphore",
                        "semaphore",
                        "semaphore",
                        "read",
                        "read",
                        "write:LockUpgradeException");
    }
}

package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The endpoint lists semaphores, read/write locks and other sources' locks, and frees one grant by its token. */
@ExtendWith(OutputCaptureExtension.class)
class LocksEndpointSemaphoreTests {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private final LockTemplate template = LockTemplate.of(new InMemoryLockStore());

    private final HeldLockSource offline = new HeldLockSource() {
        @Override
        public LockKind kind() {
            return LockKind.OFFLINE;
        }

        @Override
        public List<LockState> list(String namespace, int limit) {
            return List.of(new LockState(LockKey.of("Patient", 7), "nurse", 0, 3, 2, Duration.ofMinutes(5)));
        }
    };

    private final LocksEndpoint endpoint =
            new LocksEndpoint(template, List.of(offline), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        template.close();
    }

    private static PermitRequest as(String owner) {
        return PermitRequest.permits(1)
                .owner(owner)
                .lease(Duration.ofMinutes(1))
                .build();
    }

    @Test
    void shouldListSemaphoresWithSizeUseAndHoldersAndReadWriteLocksWithTheirReaders() {
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        exports.create(3);
        Lease tom = exports.acquire(as("Tom"));
        exports.acquire(as("Jack"));
        LeasedReadWriteLock document = template.readWriteLock("doc", 42);
        document.acquireRead(as("reader-1"));
        document.acquireRead(as("reader-2"));

        LocksDescriptor listed = endpoint.locks(null, null);

        assertThat(listed.semaphores()).extracting(SemaphoreDescriptor::key).containsExactly("doc:42", "export:pdf");
        SemaphoreDescriptor semaphore = listed.semaphores().get(1);
        assertThat(semaphore.kind()).isEqualTo("semaphore");
        assertThat(semaphore.size()).isEqualTo(3);
        assertThat(semaphore.used()).isEqualTo(2);
        assertThat(semaphore.holders())
                .extracting(SemaphoreDescriptor.Holder::owner)
                .containsExactly("Tom", "Jack");
        SemaphoreDescriptor.Holder first = semaphore.holders().get(0);
        assertThat(first.kind()).isEqualTo("semaphore");
        assertThat(first.token()).isEqualTo(tom.token());
        assertThat(first.expiresAt()).isEqualTo(NOW.plus(first.remaining()));
        SemaphoreDescriptor readWrite = listed.semaphores().get(0);
        assertThat(readWrite.kind()).isEqualTo("read_write");
        assertThat(readWrite.size()).isNull();
        assertThat(readWrite.holders())
                .extracting(SemaphoreDescriptor.Holder::kind, SemaphoreDescriptor.Holder::owner)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("read", "reader-1"),
                        org.assertj.core.groups.Tuple.tuple("read", "reader-2"));
    }

    @Test
    void shouldListTheLocksOfOtherSourcesWithTheirKind() {
        LocksDescriptor listed = endpoint.locks(null, null);
        assertThat(listed.locks()).singleElement().satisfies((lock) -> {
            assertThat(lock.key()).isEqualTo("Patient:7");
            assertThat(lock.kind()).isEqualTo("offline");
            assertThat(lock.owner()).isEqualTo("nurse");
            assertThat(lock.holds()).isEqualTo(2);
        });
    }

    @Test
    void shouldShowASemaphoreByItsKey() {
        template.semaphore("export", "pdf").create(2);
        HeldDescriptor shown = endpoint.lock("export", new String[] {"pdf"});
        assertThat(shown).isInstanceOfSatisfying(SemaphoreDescriptor.class, (semaphore) -> {
            assertThat(semaphore.size()).isEqualTo(2);
            assertThat(semaphore.holders()).isEmpty();
        });
    }

    @Test
    void shouldForceReleaseOnePermitByItsTokenAndLogWhoAsked(CapturedOutput output) {
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        exports.create(2);
        Lease tom = exports.acquire(as("Tom"));
        Lease jack = exports.acquire(as("Jack"));

        assertThat(endpoint.release("export", new String[] {"pdf"}, tom.token()))
                .isTrue();

        assertThat(tom.isHeld()).isFalse();
        assertThatThrownBy(tom::close).isInstanceOf(LockLostException.class);
        assertThat(jack.isHeld()).isTrue();
        assertThat(exports.inspect().orElseThrow().holders())
                .extracting((holder) -> holder.owner())
                .containsExactly("Jack");
        assertThat(endpoint.release("export", new String[] {"pdf"}, tom.token()))
                .isFalse();
        assertThat(output)
                .contains("Force-release of the grant with token " + tom.token()
                        + " of [export:pdf] asked through the locks endpoint: freed")
                .contains("Permit of [export:pdf] force-released in store 'memory'")
                .contains("Lease of semaphore [export:pdf] lost by 'Tom'");
    }

    @Test
    void shouldForceReleaseAReadersHoldAndLeaveTheOtherReaders() {
        LeasedReadWriteLock document = template.readWriteLock("doc", 42);
        Lease first = document.acquireRead(as("reader-1"));
        Lease second = document.acquireRead(as("reader-2"));
        assertThat(endpoint.release("doc", new String[] {"42"}, first.token())).isTrue();
        assertThat(first.isHeld()).isFalse();
        assertThat(second.isHeld()).isTrue();
    }
}

package dev.holdfast.lock.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a permit watch does with a request it sent on a release for its waiter when the waiter stops waiting before
 * the answer comes: a grant is given back, and a refusal's queue place is dropped, so that a waiter that left keeps
 * nobody out.
 */
class WaiterRegistryTests {

    private static final LockKey KEY = new LockKey("queue", "late");

    private static final PermitCommand WRITER = new PermitCommand(
            KEY, SemaphoreKind.READ_WRITE, "writer", 0, 1, true, Duration.ofSeconds(30), AcquireMode.LOCK, 0, false);

    private final WaiterRegistry registry = new WaiterRegistry(Duration.ofMinutes(1), () -> true);

    private final SentCalls calls = new SentCalls();

    @Test
    void shouldDropTheQueuePlaceOfARefusalThatArrivesAfterTheWaiterLeft() {
        PermitWatch watch = registry.watchPermits("read-write:" + KEY, WRITER, calls);
        registry.released("read-write:" + KEY);
        assertThat(calls.sent).as("the request sent on the release").isNotNull();
        watch.close();
        assertThat(calls.left).isEmpty();
        calls.sent.complete(new PermitOutcome.Refused(
                new SemaphoreState(KEY, SemaphoreKind.READ_WRITE, Integer.MAX_VALUE, true, List.of(), 1)));
        assertThat(calls.left).containsExactly(WRITER);
        assertThat(calls.givenBack).isEmpty();
    }

    @Test
    void shouldGiveBackAGrantThatArrivesAfterTheWaiterLeftWithoutLeavingTheQueue() {
        PermitWatch watch = registry.watchPermits("read-write:" + KEY, WRITER, calls);
        registry.released("read-write:" + KEY);
        watch.close();
        calls.sent.complete(new PermitOutcome.Granted(42, List.of()));
        assertThat(calls.givenBack).containsExactly(42L);
        assertThat(calls.left).isEmpty();
    }

    /** Calls that send every request asynchronously and record what the watch settles. */
    private static final class SentCalls implements PermitWaiterCalls {

        volatile CompletableFuture<PermitOutcome> sent;

        final List<PermitCommand> left = new CopyOnWriteArrayList<>();

        final List<Long> givenBack = new CopyOnWriteArrayList<>();

        @Override
        public PermitOutcome acquire(PermitCommand command, boolean othersWait) {
            throw new AssertionError("the waiter never asks itself in these tests");
        }

        @Override
        public CompletableFuture<PermitOutcome> acquireAsync(PermitCommand command, boolean othersWait) {
            sent = new CompletableFuture<>();
            return sent;
        }

        @Override
        public void releaseUnclaimed(PermitCommand command, PermitOutcome.Granted granted) {
            givenBack.add(granted.token());
        }

        @Override
        public void leaveUnclaimed(PermitCommand command) {
            left.add(command);
        }
    }
}

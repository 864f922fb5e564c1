package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LockTemplate.Builder#releaseBehindClose}: {@code close()} returns once the release is sent, the lease counts
 * as released at once, and the answer settles it later; a loss or a failure the answer brings goes to the listeners.
 */
class ReleaseBehindCloseTests {

    private final DelegatingStore store = new DelegatingStore(new InMemoryLockStore());

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LockTemplate template = LockTemplate.builder(store)
            .releaseBehindClose(true)
            .listener(new LockListener() {
                @Override
                public void onReleased(LockEvent event) {
                    heard.add("released " + event.key());
                }

                @Override
                public void onLost(LockEvent event) {
                    heard.add("lost " + event.key() + ": " + event.error().getMessage());
                }
            })
            .build();

    private final LockRequest request =
            LockRequest.of("behind", "a").lease(Duration.ofMinutes(1)).build();

    @AfterEach
    void tearDown() {
        template.close();
    }

    @Test
    void shouldReturnFromCloseBeforeTheAnswerAndSettleTheLeaseWhenItComes() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        store.inOrderAnswer = answer;
        Lease lease = template.acquire(request);

        lease.close();

        assertThat(lease.isHeld()).isFalse();
        assertThat(heard).isEmpty();
        assertThat(store.releaseInOrderCalls).hasValue(1);
        assertThat(store.releaseCalls).hasValue(0);
        assertThat(template.heldCount()).as("watched until answered").isEqualTo(1);
        answer.complete(null);
        assertThat(heard).containsExactly("released behind:a");
        assertThat(template.heldCount()).isZero();
        assertThat(template.tryAcquire(request)).isInstanceOf(LockResult.Acquired.class);
    }

    @Test
    void shouldTellTheListenersWhenTheAnswerSaysTheLeaseWasLost() {
        store.inOrderAnswer = CompletableFuture.completedFuture(null);
        Lease lease = template.acquire(request);
        store.delegate.expire(request.key(), null);

        lease.close();

        assertThat(heard).singleElement().asString().startsWith("lost behind:a").contains("no longer held");
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldTellTheListenersWhenNoAnswerCameAndStopRenewing() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        store.inOrderAnswer = answer;
        Lease lease = template.acquire(request);
        lease.close();

        answer.completeExceptionally(new IllegalStateException("connection reset"));

        assertThat(heard)
                .singleElement()
                .asString()
                .startsWith("lost behind:a")
                .contains("connection reset", "expires with its lease");
        assertThat(template.heldCount()).isZero();
        assertThat(lease.isHeld()).isFalse();
        assertThat(lease.renew()).isFalse();
    }

    @Test
    void shouldStillThrowALossKnownBeforeClose() {
        store.inOrderAnswer = CompletableFuture.completedFuture(null);
        Lease lease = template.acquire(request);
        assertThat(template.forceRelease(request.key())).isTrue();

        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class).hasMessageContaining("[behind:a]");
        assertThat(store.releaseInOrderCalls).hasValue(0);
    }

    @Test
    void shouldWaitForTheReleaseWhenTheStoreCannotOrderIt() {
        Lease lease = template.acquire(request);
        store.delegate.expire(request.key(), null);

        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class).hasMessageContaining("no longer held");
        assertThat(store.releaseCalls).hasValue(1);
    }

    @Test
    void shouldWaitForTheReleaseByDefault() {
        store.inOrderAnswer = CompletableFuture.completedFuture(null);
        try (LockTemplate waiting = LockTemplate.of(store)) {
            waiting.acquire(request).close();
        }
        assertThat(store.releaseInOrderCalls).hasValue(0);
        assertThat(store.releaseCalls).hasValue(1);
    }
}

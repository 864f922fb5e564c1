package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The validation of owners and durations wherever a caller gives them (requests, lease renewals, handles), which
 * happens before any store is asked: a bad value is rejected with a message naming the lock and the value, and
 * nothing reaches the store.
 */
class LockRequestTests {

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.of(store);

    private final String namespace = "validation";

    @AfterEach
    void closeTemplate() {
        template.close();
    }

    @Test
    void shouldKeepOnlyIfExistsThroughTheBuilderAndACopyWithAnotherOwner() {
        LockRequest request = request("a", "alice").onlyIfExists().build();
        assertThat(request.onlyIfExists()).isTrue();
        assertThat(request.withOwner("bob").onlyIfExists()).isTrue();
        assertThat(request("a", "alice").build().onlyIfExists()).isFalse();
        assertThat(new LockRequest(key("a"), "", "alice", 0, LockRequest.DEFAULT_LEASE, Duration.ZERO, true)
                        .onlyIfExists())
                .isFalse();
    }

    @Test
    void shouldRejectBadOwnersAndDurationsWithMessagesNamingThem() {
        assertThatThrownBy(() -> request("a", " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("owner");
        assertThatThrownBy(() -> request("a", "x".repeat(LockRequest.MAX_OWNER_LENGTH + 1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than " + LockRequest.MAX_OWNER_LENGTH);
        assertThat(request("a", "ö".repeat(LockRequest.MAX_OWNER_LENGTH))
                        .build()
                        .owner())
                .hasSize(255);
        assertThatThrownBy(() -> request("a", "alice").lease(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() ->
                        request("a", "alice").waitTime(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + key("a") + "]")
                .hasMessageContaining("PT-1S");
        try (Lease lease = template.acquire(request("a", "alice").build())) {
            assertThatThrownBy(() -> lease.renew(Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[" + key("a") + "]")
                    .hasMessageContaining("PT-0.005S");
        }
        assertThatThrownBy(() -> template.handles(namespace, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + namespace + "]");
        assertThatThrownBy(
                        () -> template.handles(namespace, Duration.ofMinutes(1)).create("r", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
        assertThat(store.list(namespace, 10)).isEmpty();
    }

    private LockKey key(String id) {
        return new LockKey(namespace, id);
    }

    private LockRequest.Builder request(String id, String owner) {
        return LockRequest.of(key(id))
                .owner(owner)
                .lease(Duration.ofSeconds(30))
                .autoRenew(false);
    }
}

package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

class LocksEndpointTests {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private final LockTemplate template = LockTemplate.of(new InMemoryLockStore());

    private final LocksEndpoint endpoint = new LocksEndpoint(template, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        template.close();
    }

    private Lease hold(String namespace, String id, String owner, int priority) {
        return template.acquire(LockRequest.of(namespace, id)
                .owner(owner)
                .priority(priority)
                .lease(Duration.ofMinutes(1))
                .build());
    }

    @Test
    void shouldListHeldLocksSortedByKeyWithOwnerPriorityTokenAndExpiry() {
        Lease room = hold("room", "102", "Jack", 0);
        hold("room", "101", "Tom", 5);
        hold("job", "report", "node-1", 0);
        LocksDescriptor locks = endpoint.locks(null, null);
        assertThat(locks.truncated()).isFalse();
        assertThat(locks.limit()).isEqualTo(LocksEndpoint.DEFAULT_LIMIT);
        assertThat(locks.locks()).extracting(LockDescriptor::key).containsExactly("job:report", "room:101", "room:102");
        LockDescriptor jack = locks.locks().get(2);
        assertThat(jack.namespace()).isEqualTo("room");
        assertThat(jack.id()).isEqualTo("102");
        assertThat(jack.owner()).isEqualTo("Jack");
        assertThat(jack.token()).isEqualTo(room.token());
        assertThat(jack.holds()).isEqualTo(1);
        assertThat(jack.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(jack.expiresAt()).isEqualTo(NOW.plus(jack.remaining()));
        assertThat(locks.locks().get(1).priority()).isEqualTo(5);
    }

    @Test
    void shouldFilterByNamespace() {
        hold("room", "101", "Tom", 0);
        hold("job", "report", "node-1", 0);
        assertThat(endpoint.locks("room", null).locks())
                .extracting(LockDescriptor::key)
                .containsExactly("room:101");
        assertThat(endpoint.locks("desk", null).locks()).isEmpty();
    }

    @Test
    void shouldBoundTheListAndSayWhenMoreAreHeld() {
        for (int i = 0; i < 5; i++) {
            hold("room", "10" + i, "Tom", 0);
        }
        LocksDescriptor three = endpoint.locks(null, 3);
        assertThat(three.locks()).hasSize(3);
        assertThat(three.truncated()).isTrue();
        LocksDescriptor five = endpoint.locks(null, 5);
        assertThat(five.locks()).hasSize(5);
        assertThat(five.truncated()).isFalse();
        assertThat(endpoint.locks(null, 1_000_000).limit()).isEqualTo(LocksEndpoint.MAX_LIMIT);
    }

    @Test
    void shouldRejectALimitBelowOne() {
        assertThatThrownBy(() -> endpoint.locks(null, 0))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessage("Lock list limit must be at least 1, but was 0");
    }

    @Test
    void shouldShowOneLockByNamespaceAndIdEvenWithSlashesInTheId() {
        hold("file", "reports/2025/q1.pdf", "Tom", 0);
        LockDescriptor lock = (LockDescriptor) endpoint.lock("file", new String[] {"reports", "2025", "q1.pdf"});
        assertThat(lock).isNotNull();
        assertThat(lock.kind()).isEqualTo("lock");
        assertThat(lock.key()).isEqualTo("file:reports/2025/q1.pdf");
        assertThat(lock.owner()).isEqualTo("Tom");
    }

    @Test
    void shouldShowNothingForAFreeLock() {
        assertThat(endpoint.lock("room", new String[] {"101"})).isNull();
    }

    @Test
    void shouldRejectAnInvalidKeyNamingIt() {
        assertThatThrownBy(() -> endpoint.lock("room 1", new String[] {"101"}))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("[room 1]");
    }

    @Test
    void shouldForceReleaseAHeldLockAndTellTheHolderItWasLost() {
        Lease lease = hold("room", "101", "Tom", 0);
        assertThat(endpoint.release("room", new String[] {"101"}, null)).isTrue();
        assertThat(template.inspect(lease.key())).isEmpty();
        assertThat(lease.isHeld()).isFalse();
        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class);
        assertThat(endpoint.release("room", new String[] {"101"}, null)).isFalse();
    }

    @Test
    void shouldListAHandleThatNeverExpiresWithoutAnExpiry() {
        template.handles("desk", Duration.ofMinutes(1)).create(7, "Tom", LockRequest.FOREVER);
        LockDescriptor desk = endpoint.locks("desk", null).locks().get(0);
        assertThat(desk.owner()).isEqualTo("Tom");
        assertThat(desk.kind()).isEqualTo("lock");
        assertThat(desk.remaining()).isEqualTo(LockRequest.FOREVER);
        assertThat(desk.expiresAt()).isNull();
    }
}

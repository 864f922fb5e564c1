package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of priority, preemption, claims and owner-addressed handles. Extend
 * {@link LockStoreContractTest}, not this class.
 */
public abstract class LockStorePriorityContract extends LockStoreBasicContract {

    @Test
    void shouldPreemptLowerPriorityHolder() {
        Lease nice = template.acquire(request("job", "nice").priority(1).build());
        Lease vip = template.acquire(request("job", "vip").priority(5).build());
        assertThat(vip.token()).isGreaterThan(nice.token());
        assertThat(store.inspect(key("job"))).get().extracting(LockState::owner).isEqualTo("vip");
        assertThat(nice.isHeld()).isFalse();
        assertThat(nice.renew()).isFalse();
        assertThat(nice.release()).isFalse();
        assertThat(listener.of("Preempted")).singleElement().satisfies((event) -> {
            assertThat(event.owner()).isEqualTo("vip");
            assertThat(event.other()).isNotNull();
            assertThat(event.other().owner()).isEqualTo("nice");
        });
        assertThat(listener.of("Lost")).extracting(LockEvent::owner).containsExactly("nice");
        assertThat(store.inspect(key("job"))).get().extracting(LockState::token).isEqualTo(vip.token());
        vip.close();
    }

    @Test
    void shouldReportPreemptionToHolderInAnotherInstanceOnRelease() {
        Lease nice = template.acquire(request("job", "nice").priority(1).build());
        try (var other = track(dev.holdfast.lock.LockTemplate.of(createIndependentClient()))) {
            other.acquire(request("job", "vip").priority(2).build()).close();
        }
        assertThatThrownBy(nice::close).isInstanceOf(LockLostException.class);
    }

    @Test
    void shouldRefuseEqualOrLowerPriority() {
        try (Lease holder =
                template.acquire(request("job", "holder").priority(5).build())) {
            for (int priority : new int[] {5, 4, -1}) {
                LockResult result = template.tryAcquire(
                        request("job", "other").priority(priority).build());
                assertThat(result).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
                    assertThat(refused.holder()).isNotNull();
                    assertThat(refused.holder().owner()).isEqualTo("holder");
                    assertThat(refused.holder().priority()).isEqualTo(5);
                });
            }
            assertThat(holder.isHeld()).isTrue();
        }
    }

    @Test
    void shouldClaimWhateverTheHolder() {
        Lease holder = template.acquire(request("job", "holder").priority(100).build());
        Lease operator = template.claim(request("job", "operator").build());
        assertThat(operator.token()).isGreaterThan(holder.token());
        assertThat(store.inspect(key("job"))).get().extracting(LockState::owner).isEqualTo("operator");
        assertThat(holder.release()).isFalse();
        operator.close();
    }

    @Test
    void shouldPlayTheRoomBookingStory() {
        LockHandles rooms = template.handles(namespace, Duration.ofMinutes(30));
        assertThat(rooms.create(101, "Tom", Duration.ofMinutes(15))).isTrue();
        assertThat(rooms.create(101, "Jack")).isFalse();
        assertThat(rooms.value(101)).contains("Tom");
        assertThat(rooms.renew(101, "Tom", Duration.ofHours(1))).isTrue();
        assertThat(store.inspect(key("101")))
                .get()
                .satisfies((state) -> assertThat(state.remaining()).isGreaterThan(Duration.ofMinutes(59)));
        assertThat(rooms.renew(101, "Jack")).isFalse();
        assertThat(rooms.create(101, "Jack")).isFalse();
        assertThat(rooms.expire(101, "Jack")).isFalse();
        assertThat(rooms.expire(101, "Tom")).isTrue();
        assertThat(rooms.taken(101)).isFalse();
        assertThat(rooms.value(101)).isEmpty();
    }

    @Test
    void shouldRefuseCreateForLiveHandleEvenForItsOwner() {
        LockHandles handles = template.handles(namespace, Duration.ofMinutes(1));
        assertThat(handles.create("r", "Tom")).isTrue();
        assertThat(handles.create("r", "Tom")).isFalse();
        assertThat(handles.taken("r")).isTrue();
    }

    @Test
    void shouldLetVipClaimWhatNiceJobCreated() {
        LockHandles resources = template.handles(namespace, Duration.ofMinutes(1));
        assertThat(resources.create("resource", "nice")).isTrue();
        assertThat(resources.value("resource")).isNotEqualTo("vip");
        assertThat(resources.claim("resource", "vip")).isTrue();
        assertThat(resources.value("resource")).contains("vip");
        assertThat(resources.create("resource", "nice")).isFalse();
        assertThat(resources.expire("resource", "nice")).isFalse();
        assertThat(resources.expire("resource", "vip")).isTrue();
    }

    @Test
    void shouldLetOperatorExpireAnyHandle() {
        LockHandles handles = template.handles(namespace, Duration.ofMinutes(1));
        handles.create("r", "Tom");
        assertThat(handles.expire("r")).isTrue();
        assertThat(handles.taken("r")).isFalse();
        assertThat(handles.expire("r")).isFalse();
    }

    @Test
    void shouldNotRecreateExpiredHandleOnRenew() {
        LockHandles handles = template.handles(namespace, SHORT);
        assertThat(handles.create("r", "Tom")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handles.taken("r"));
        assertThat(handles.renew("r", "Tom")).isFalse();
        assertThat(handles.taken("r")).isFalse();
        assertThat(handles.create("r", "Jack")).isTrue();
    }
}

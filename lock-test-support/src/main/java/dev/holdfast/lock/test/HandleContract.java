package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockHandles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of owner-addressed handles ({@link dev.holdfast.lock.LockHandles}): create refuses a
 * live handle, renew and expire check the owner, claim displaces, and an expired handle is never recreated by a
 * renewal. Implement it in a {@link LockStoreContract}.
 */
public interface HandleContract extends LockStoreFixture {

    @Test
    default void shouldPlayTheRoomBookingStory() {
        LockHandles rooms = template().handles(namespace(), Duration.ofMinutes(30));
        assertThat(rooms.create(101, "Tom", Duration.ofMinutes(15))).isTrue();
        assertThat(rooms.create(101, "Jack")).isFalse();
        assertThat(rooms.value(101)).contains("Tom");
        assertThat(rooms.renew(101, "Tom", Duration.ofHours(1))).isTrue();
        assertThat(store().inspect(key("101")))
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
    default void shouldRefuseCreateForLiveHandleEvenForItsOwner() {
        LockHandles handles = template().handles(namespace(), Duration.ofMinutes(1));
        assertThat(handles.create("r", "Tom")).isTrue();
        assertThat(handles.create("r", "Tom")).isFalse();
        assertThat(handles.taken("r")).isTrue();
    }

    @Test
    default void shouldLetVipClaimWhatNiceJobCreated() {
        LockHandles resources = template().handles(namespace(), Duration.ofMinutes(1));
        assertThat(resources.create("resource", "nice")).isTrue();
        assertThat(resources.value("resource")).hasValue("nice");
        assertThat(resources.claim("resource", "vip")).isTrue();
        assertThat(resources.value("resource")).contains("vip");
        assertThat(resources.create("resource", "nice")).isFalse();
        assertThat(resources.expire("resource", "nice")).isFalse();
        assertThat(resources.expire("resource", "vip")).isTrue();
    }

    @Test
    default void shouldLetOperatorExpireAnyHandle() {
        LockHandles handles = template().handles(namespace(), Duration.ofMinutes(1));
        handles.create("r", "Tom");
        assertThat(handles.expire("r")).isTrue();
        assertThat(handles.taken("r")).isFalse();
        assertThat(handles.expire("r")).isFalse();
    }

    @Test
    default void shouldNotRecreateExpiredHandleOnRenew() {
        LockHandles handles = template().handles(namespace(), SHORT);
        assertThat(handles.create("r", "Tom")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handles.taken("r"));
        assertThat(handles.renew("r", "Tom")).isFalse();
        assertThat(handles.taken("r")).isFalse();
        assertThat(handles.create("r", "Jack")).isTrue();
    }
}

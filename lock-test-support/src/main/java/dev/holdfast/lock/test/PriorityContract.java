package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of priority: a higher priority preempts a lower one, equal or lower priorities are
 * refused, a claim displaces any holder, and a displaced holder learns it lost the lock. Implement it in a
 * {@link LockStoreContract}.
 */
public interface PriorityContract extends LockStoreFixture {

    @Test
    default void shouldPreemptLowerPriorityHolder() {
        Lease nice = template().acquire(request("job", "nice").priority(1).build());
        Lease vip = template().acquire(request("job", "vip").priority(5).build());
        assertThat(vip.token()).isGreaterThan(nice.token());
        assertThat(store().inspect(key("job")))
                .get()
                .extracting(LockState::owner)
                .isEqualTo("vip");
        assertThat(nice.isHeld()).isFalse();
        assertThat(nice.renew()).isFalse();
        assertThat(nice.release()).isFalse();
        assertThat(listener().of("Preempted")).singleElement().satisfies((event) -> {
            assertThat(event.owner()).isEqualTo("vip");
            assertThat(event.other()).isNotNull();
            assertThat(event.other().owner()).isEqualTo("nice");
        });
        assertThat(listener().of("Lost")).extracting(LockEvent::owner).containsExactly("nice");
        assertThat(store().inspect(key("job")))
                .get()
                .extracting(LockState::token)
                .isEqualTo(vip.token());
        vip.close();
    }

    @Test
    default void shouldReportPreemptionToHolderInAnotherInstanceOnRelease() {
        Lease nice = template().acquire(request("job", "nice").priority(1).build());
        try (var other = track(LockTemplate.of(createIndependentClient()))) {
            other.acquire(request("job", "vip").priority(2).build()).close();
        }
        assertThatThrownBy(nice::close).isInstanceOf(LockLostException.class);
    }

    @Test
    default void shouldRefuseEqualOrLowerPriority() {
        try (Lease holder =
                template().acquire(request("job", "holder").priority(5).build())) {
            for (int priority : new int[] {5, 4, -1}) {
                LockResult result = template()
                        .tryAcquire(request("job", "other").priority(priority).build());
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
    default void shouldClaimWhateverTheHolder() {
        Lease holder = template().acquire(request("job", "holder").priority(100).build());
        Lease operator = template().claim(request("job", "operator").build());
        assertThat(operator.token()).isGreaterThan(holder.token());
        assertThat(store().inspect(key("job")))
                .get()
                .extracting(LockState::owner)
                .isEqualTo("operator");
        assertThat(holder.release()).isFalse();
        operator.close();
    }
}

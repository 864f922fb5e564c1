package dev.holdfast.lock.spring.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.test.SwitchableLockStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class LockStoreHealthIndicatorTests {

    @Test
    void shouldBeUpWhenTheStoreAnswers() {
        Health health = new LockStoreHealthIndicator(new InMemoryLockStore()).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("store", "memory");
    }

    @Test
    void shouldBeDownWithTheStoresErrorWhenTheStoreCannotBeReached() {
        SwitchableLockStore store = new SwitchableLockStore();
        LockStoreHealthIndicator indicator = new LockStoreHealthIndicator(store);
        store.down(true);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("store", "memory");
        assertThat((String) health.getDetails().get("error"))
                .startsWith("dev.holdfast.lock.LockStoreException")
                .contains("[holdfast:health-probe]");
        store.down(false);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}

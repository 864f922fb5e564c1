package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code @Locked} permits and read/write modes on the in-memory store, which two contexts share. */
class LockedPermitsTests extends LockedPermitsAndModes {

    private final LockStore sharedStore = new InMemoryLockStore();

    @Override
    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        LockStoreAutoConfiguration.class,
                        LockTemplateAutoConfiguration.class,
                        LockedAutoConfiguration.class))
                .withBean(LockStore.class, () -> this.sharedStore);
    }
}

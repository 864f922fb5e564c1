package dev.holdfast.sample;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lock template over the in-memory store, until the starter configures it. */
@Configuration(proxyBeanMethods = false)
class LockConfiguration {

    @Bean(destroyMethod = "close")
    LockTemplate lockTemplate() {
        return LockTemplate.of(new InMemoryLockStore());
    }
}

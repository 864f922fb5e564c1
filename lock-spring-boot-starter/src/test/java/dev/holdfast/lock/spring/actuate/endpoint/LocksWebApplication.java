package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A web application with actuator and one {@link LockTemplate}, as the web tests' context. */
@SpringBootConfiguration
@EnableAutoConfiguration
class LocksWebApplication {

    @Bean(destroyMethod = "close")
    LockTemplate lockTemplate() {
        return LockTemplate.of(new InMemoryLockStore());
    }
}

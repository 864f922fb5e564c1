package dev.holdfast.lock.spring.test;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.LockStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A web application with actuator, a {@link SwitchableLockStore} and a {@link LockTemplate} over it: the context of
 * the tests that call the actuator over HTTP.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ActuatorWebApplication {

    @Bean
    SwitchableLockStore lockStore() {
        return new SwitchableLockStore();
    }

    @Bean(destroyMethod = "close")
    LockTemplate lockTemplate(LockStore lockStore) {
        return LockTemplate.of(lockStore);
    }
}

package dev.holdfast.lock.spring.autoconfigure.observation;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.observation.LockAcquireObservationConvention;
import dev.holdfast.lock.spring.observation.ObservationLockListener;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every acquisition of the {@link LockTemplate} with an {@link ObservationLockListener}, which the template
 * picks up with the other listener beans, when the application has an {@link ObservationRegistry}; with Boot's meter
 * handler the observations become the {@code holdfast.lock.acquire} timer. Backs off for a bean of the application's
 * own.
 */
@AutoConfiguration(
        afterName = {
            "dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, LockTemplate.class})
public final class LockObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationLockListener observationLockListener(
            ObservationRegistry observationRegistry, ObjectProvider<LockAcquireObservationConvention> convention) {
        return new ObservationLockListener(observationRegistry, convention.getIfAvailable());
    }
}

package dev.holdfast.lock.spring.autoconfigure.endpoint;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.actuate.endpoint.HeldLockSource;
import dev.holdfast.lock.spring.actuate.endpoint.LocksEndpoint;
import dev.holdfast.lock.spring.actuate.endpoint.LocksEndpointWebExtension;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * The {@link LocksEndpoint locks endpoint} over the application's {@link LockTemplate} and every
 * {@link HeldLockSource} bean, when the endpoint is
 * available (exposed and not turned off), with its web extension when exposed over HTTP. Each backs off for a bean of
 * the application's own.
 */
@AutoConfiguration(afterName = "dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration")
@ConditionalOnClass({LockTemplate.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnSingleCandidate(LockTemplate.class)
@ConditionalOnAvailableEndpoint(LocksEndpoint.class)
public final class LocksEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LocksEndpoint locksEndpoint(LockTemplate lockTemplate, ObjectProvider<HeldLockSource> sources) {
        return new LocksEndpoint(lockTemplate, sources.orderedStream().toList(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LocksEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    LocksEndpointWebExtension locksEndpointWebExtension(LocksEndpoint locksEndpoint) {
        return new LocksEndpointWebExtension(locksEndpoint);
    }
}

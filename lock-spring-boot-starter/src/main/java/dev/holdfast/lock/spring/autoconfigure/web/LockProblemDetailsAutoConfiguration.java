package dev.holdfast.lock.spring.autoconfigure.web;

import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties;
import dev.holdfast.lock.spring.web.LockProblemHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The {@link LockProblemHandler} of Spring MVC and of WebFlux applications, which answers lock exceptions with problem
 * details; {@code holdfast.web.expose-owner} says whether they name a lock's holder. Turned off with
 * {@code holdfast.web.problem-details.enabled=false}; backs off for a {@link LockProblemHandler} bean of the
 * application's own.
 */
@AutoConfiguration
@ConditionalOnClass(ProblemDetail.class)
@ConditionalOnBooleanProperty(name = "holdfast.web.problem-details.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HoldfastProperties.class)
public final class LockProblemDetailsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class ServletLockProblemsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LockProblemHandler lockProblemHandler(HoldfastProperties properties) {
            return new LockProblemHandler(properties.getWeb().isExposeOwner());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
    static class ReactiveLockProblemsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LockProblemHandler lockProblemHandler(HoldfastProperties properties) {
            return new LockProblemHandler(properties.getWeb().isExposeOwner());
        }
    }
}

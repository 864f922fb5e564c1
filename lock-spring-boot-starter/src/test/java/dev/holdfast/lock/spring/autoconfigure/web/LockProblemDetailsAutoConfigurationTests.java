package dev.holdfast.lock.spring.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.spring.web.LockProblemHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.servlet.DispatcherServlet;

class LockProblemDetailsAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATION =
            AutoConfigurations.of(LockProblemDetailsAutoConfiguration.class);

    private final WebApplicationContextRunner servlet =
            new WebApplicationContextRunner().withConfiguration(CONFIGURATION);

    private final ReactiveWebApplicationContextRunner reactive =
            new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATION);

    @Test
    void shouldAnswerLockExceptionsInServletAndReactiveApplicationsByDefault() {
        this.servlet.run((context) -> assertThat(context).hasSingleBean(LockProblemHandler.class));
        this.reactive.run((context) -> assertThat(context).hasSingleBean(LockProblemHandler.class));
    }

    @Test
    void shouldStayOutOfApplicationsThatAreNotWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(CONFIGURATION)
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
    }

    @Test
    void shouldTurnOffByProperty() {
        this.servlet
                .withPropertyValues("holdfast.web.problem-details.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
        this.reactive
                .withPropertyValues("holdfast.web.problem-details.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
    }

    @Test
    void shouldBackOffForTheApplicationsOwnHandler() {
        this.servlet
                .withUserConfiguration(OwnHandler.class)
                .run((context) -> assertThat(context)
                        .hasSingleBean(LockProblemHandler.class)
                        .hasBean("ownLockProblemHandler"));
        this.reactive
                .withUserConfiguration(OwnHandler.class)
                .run((context) -> assertThat(context)
                        .hasSingleBean(LockProblemHandler.class)
                        .hasBean("ownLockProblemHandler"));
    }

    @Test
    void shouldStayOutWithoutTheWebFrameworkOfTheApplicationsType() {
        this.servlet
                .withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
        this.reactive
                .withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
        this.servlet
                .withClassLoader(new FilteredClassLoader(ProblemDetail.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockProblemHandler.class));
    }

    @Test
    void shouldRejectAnExposeOwnerThatIsNotABooleanNamingPropertyAndValue() {
        this.servlet.withPropertyValues("holdfast.web.expose-owner=sometimes").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Failed to bind properties under 'holdfast.web.expose-owner' to boolean");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHandler {

        @Bean
        LockProblemHandler ownLockProblemHandler() {
            return new LockProblemHandler(true);
        }
    }
}

package dev.holdfast.lock.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.observation.DefaultLockAcquireObservationConvention;
import dev.holdfast.lock.spring.observation.LockAcquireObservationConvention;
import dev.holdfast.lock.spring.observation.ObservationLockListener;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LockObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockObservationAutoConfiguration.class));

    @Test
    void shouldObserveTheTemplatesAcquisitionsIntoTheApplicationsRegistry() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .run((context) -> {
                    assertThat(context).hasSingleBean(ObservationLockListener.class);
                    context.getBean(LockTemplate.class)
                            .acquire(LockRequest.of("room", 1).build())
                            .close();
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasSingleObservationThat()
                            .hasNameEqualTo("holdfast.lock.acquire")
                            .hasLowCardinalityKeyValue("outcome", "acquired");
                });
    }

    @Test
    void shouldUseTheApplicationsConvention() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withBean(LockAcquireObservationConvention.class, ShopConvention::new)
                .run((context) -> {
                    context.getBean(LockTemplate.class)
                            .acquire(LockRequest.of("room", 1).build())
                            .close();
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasSingleObservationThat()
                            .hasNameEqualTo("shop.lock.acquire");
                });
    }

    @Test
    void shouldBackOffForTheApplicationsOwnListener() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withBean(
                        "ownListener",
                        ObservationLockListener.class,
                        () -> new ObservationLockListener(ObservationRegistry.NOOP))
                .run((context) -> assertThat(context)
                        .getBean(ObservationLockListener.class)
                        .isSameAs(context.getBean("ownListener")));
    }

    @Test
    void shouldNotObserveWithoutAnObservationRegistry() {
        runner.run((context) ->
                assertThat(context).hasSingleBean(LockTemplate.class).doesNotHaveBean(ObservationLockListener.class));
    }

    @Test
    void shouldNotObserveWithoutMicrometerObservation() {
        runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .run((context) -> assertThat(context).doesNotHaveBean(ObservationLockListener.class));
    }

    static class ShopConvention extends DefaultLockAcquireObservationConvention {

        @Override
        public String getName() {
            return "shop.lock.acquire";
        }
    }
}

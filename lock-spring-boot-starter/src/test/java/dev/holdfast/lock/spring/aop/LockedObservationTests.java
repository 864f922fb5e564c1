package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.observation.DefaultLockedCallObservationConvention;
import dev.holdfast.lock.spring.observation.LockedCallObservationConvention;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LockedObservationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(Rooms.class)
            .withBean(Exports.class);

    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void shouldObserveAcquiredCallWithNameStoreAndOutcomeButNeverTheKey() {
        this.runner.run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            context.getBean(Rooms.class).lease("A-1");

            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsEqualTo(1)
                    .hasObservationWithNameEqualTo("holdfast.lock.call")
                    .that()
                    .hasContextualNameEqualTo("lock fenced")
                    .hasLowCardinalityKeyValue("lock.name", "fenced")
                    .hasLowCardinalityKeyValue("lock.store", "memory")
                    .hasLowCardinalityKeyValue("lock.kind", "lock")
                    .hasLowCardinalityKeyValue("outcome", "acquired")
                    .doesNotHaveLowCardinalityKeyValueWithKey("exception")
                    .doesNotHaveError()
                    .hasBeenStarted()
                    .hasBeenStopped();
            TestObservationRegistryAssert.assertThat(registry)
                    .hasHandledContextsThatSatisfy((contexts) ->
                            contexts.forEach((observed) -> assertThat(observed.getAllKeyValues().stream())
                                    .noneMatch((keyValue) -> keyValue.getValue().contains("A-1"))));
        });
    }

    @Test
    void shouldObserveRefusalWithTheExceptionAndSkipWithout() {
        this.runner.run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            Rooms rooms = context.getBean(Rooms.class);
            Gate gate = Gate.closed();
            Future<String> holder = this.threads.submit(() -> rooms.report(gate));
            gate.awaitEntered();
            registry.clear();

            assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(() -> rooms.report(Gate.opened()));
            TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("outcome", "refused")
                    .hasBeenStopped()
                    .assertThatError()
                    .isInstanceOf(LockNotAcquiredException.class);
            registry.clear();

            assertThat(rooms.reportOrNull()).isNull();
            TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("outcome", "refused")
                    .doesNotHaveError();
            gate.open();
            holder.get(5, TimeUnit.SECONDS);
        });
    }

    @Test
    void shouldStopObservationWhenReturnedFutureCompletes() {
        this.runner.run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            CompletableFuture<String> work = new CompletableFuture<>();
            context.getBean(Exports.class).export("7", work);

            TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasBeenStarted()
                    .isNotStopped();
            work.complete("done");
            TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("outcome", "acquired")
                    .hasBeenStopped();
        });
    }

    @Test
    void shouldObserveFutureThatIsAlreadyComplete() {
        this.runner.run((context) -> {
            assertThat(context.getBean(Exports.class).exportIfFree("8").get()).isEqualTo("exported 8");
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("outcome", "acquired")
                    .hasBeenStopped();
        });
    }

    @Test
    void shouldUseTheApplicationsConvention() {
        this.runner
                .withBean(LockedCallObservationConvention.class, CustomConvention::new)
                .run((context) -> {
                    context.getBean(Rooms.class).lease("A-1");
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("shop.lock")
                            .that()
                            .hasLowCardinalityKeyValue("lock.name", "fenced");
                });
    }

    @Test
    void shouldRunWithoutObservationRegistry() {
        new ApplicationContextRunner()
                .withPropertyValues("holdfast.store=memory")
                .withConfiguration(AutoConfigurations.of(
                        LockStoreAutoConfiguration.class,
                        LockTemplateAutoConfiguration.class,
                        LockedAutoConfiguration.class))
                .withBean(Rooms.class)
                .run((context) -> assertThat(
                                context.getBean(Rooms.class).lease("A-1").token())
                        .isPositive());
    }

    static class CustomConvention extends DefaultLockedCallObservationConvention
            implements LockedCallObservationConvention {

        @Override
        public String getName() {
            return "shop.lock";
        }
    }
}

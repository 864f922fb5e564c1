package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * {@link Locked} on methods returning {@code Mono} and {@code Flux}: the lock is taken on subscription and held until
 * the publisher completes, fails or is cancelled; concurrent subscribers never overlap; a conflict errors the
 * publisher or, with SKIP, completes it empty; each subscription is observed.
 */
class LockedReactiveTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(Feeds.class);

    @Test
    void shouldNeverOverlapConcurrentMonoSubscribers() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            Mono<String> refresh = feeds.refresh("news", Duration.ofMillis(5));
            // One Mono, subscribed ten times at once: each subscription takes the lock.
            StepVerifier.create(Flux.range(0, 10).flatMap((i) -> refresh))
                    .expectNextCount(10)
                    .expectComplete()
                    .verify(PATIENCE);
            assertThat(feeds.most()).isEqualTo(1);
            assertThat(free(context, "news")).isTrue();
        });
    }

    @Test
    void shouldNeverOverlapConcurrentFluxSubscribers() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            StepVerifier.create(Flux.range(0, 8).flatMap((i) -> feeds.pages("news", 3)))
                    .expectNextCount(24)
                    .expectComplete()
                    .verify(PATIENCE);
            assertThat(feeds.most()).isEqualTo(1);
            assertThat(free(context, "news")).isTrue();
        });
    }

    @Test
    void shouldTakeTheLockOnSubscriptionAndReleaseOnCompletion() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            Sinks.One<String> work = Sinks.one();
            Mono<String> call = feeds.run("news", work.asMono());
            assertThat(free(context, "news"))
                    .as("nothing locked before subscription")
                    .isTrue();
            StepVerifier.create(call)
                    .expectSubscription()
                    .then(() -> awaitHeld(context, "news"))
                    .then(() -> work.tryEmitValue("done"))
                    .expectNext("done")
                    .expectComplete()
                    .verify(PATIENCE);
            assertThat(free(context, "news")).isTrue();
            assertThat(feeds.invoked()).isEqualTo(1);
        });
    }

    @Test
    void shouldReleaseOnErrorAndPassTheErrorOn() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            Sinks.Many<String> work = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(feeds.runMany("news", work.asFlux()))
                    .expectSubscription()
                    .then(() -> awaitHeld(context, "news"))
                    .then(() -> work.tryEmitNext("page 1"))
                    .expectNext("page 1")
                    .then(() -> work.tryEmitError(new IllegalStateException("feed down")))
                    .expectErrorMessage("feed down")
                    .verify(PATIENCE);
            assertThat(free(context, "news")).isTrue();
        });
    }

    @Test
    void shouldReleaseOnCancellation() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            AtomicBoolean cancelled = new AtomicBoolean();
            Flux<String> endless = Flux.<String>never().doOnCancel(() -> cancelled.set(true));
            StepVerifier.create(feeds.runMany("news", endless))
                    .expectSubscription()
                    .then(() -> awaitHeld(context, "news"))
                    .thenCancel()
                    .verify(PATIENCE);
            assertThat(cancelled).isTrue();
            await("lock released after cancellation").atMost(PATIENCE).until(() -> free(context, "news"));
        });
    }

    @Test
    void shouldErrorWithLockNotAcquiredWhileHeldWithoutInvokingTheMethod() {
        this.runner.run((context) -> {
            Feeds feeds = context.getBean(Feeds.class);
            StepVerifier.create(feeds.runMany("news", Flux.never()))
                    .expectSubscription()
                    .then(() -> awaitHeld(context, "news"))
                    .then(() -> StepVerifier.create(feeds.run("news", Mono.just("second")))
                            .expectErrorSatisfies((error) -> assertThat(error)
                                    .isInstanceOf(LockNotAcquiredException.class)
                                    .hasMessageContaining("feed:news"))
                            .verify(PATIENCE))
                    .then(() -> StepVerifier.create(feeds.runIfFree("news")).verifyComplete())
                    .then(() -> StepVerifier.create(feeds.runManyIfFree("news")).verifyComplete())
                    .thenCancel()
                    .verify(PATIENCE);
            // The refused call's method body ran at the call (it returns the publisher), but its publisher never ran.
            await().atMost(PATIENCE).until(() -> free(context, "news"));
            StepVerifier.create(feeds.runIfFree("news")).expectNext("ran news").verifyComplete();
        });
    }

    @Test
    void shouldObserveEachSubscription() {
        this.runner.run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            Feeds feeds = context.getBean(Feeds.class);
            Mono<String> call = feeds.run("news", Mono.just("done"));
            TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
            StepVerifier.create(call).expectNext("done").verifyComplete();
            TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasNameEqualTo("holdfast.lock.call")
                    .hasLowCardinalityKeyValue("lock.name", "feed")
                    .hasLowCardinalityKeyValue("lock.kind", "lock")
                    .hasLowCardinalityKeyValue("outcome", "acquired")
                    .hasBeenStopped();
        });
    }

    private static boolean free(ApplicationContext context, String id) {
        return context.getBean(LockTemplate.class)
                .inspect(new LockKey("feed", id))
                .isEmpty();
    }

    private static void awaitHeld(ApplicationContext context, String id) {
        await("lock [feed:" + id + "] held")
                .atMost(PATIENCE)
                .until(() -> context.getBean(LockTemplate.class)
                        .inspect(new LockKey("feed", id))
                        .map(LockState::owner)
                        .isPresent());
    }
}

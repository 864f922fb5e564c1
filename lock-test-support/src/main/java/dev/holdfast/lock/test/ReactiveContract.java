package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.reactive.ReactiveLockTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The store contract of {@link ReactiveLockTemplate}: a lock held over a {@code Mono} or {@code Flux} is released on
 * completion, on error and on cancellation (the store shows it free), a reactive waiter is granted by the store's
 * release notification without holding a thread, a cancelled waiter takes nothing, and concurrent subscribers never
 * overlap.
 */
public interface ReactiveContract extends LockStoreFixture {

    /** The name prefix of the threads of {@link #reactive()}'s bounded scheduler. */
    String OFFLOAD_THREADS = "holdfast-offload";

    /**
     * Return how soon after a release a reactive waiter that waited long enough for a polling watch to be past its
     * first intervals is granted: by default well under the polling backoff's 500 ms, so only a store that notifies
     * its waiters meets it; a store that polls raises it.
     *
     * @return the bound
     */
    default Duration reactiveWakeUpBound() {
        return Duration.ofMillis(150);
    }

    /**
     * Return a reactive template over {@link #template()}, whose blocking store calls run on a bounded scheduler of
     * its own ({@link #OFFLOAD_THREADS}), disposed after the test.
     *
     * @return the reactive template
     */
    default ReactiveLockTemplate reactive() {
        Scheduler offload = Schedulers.newBoundedElastic(4, 1000, OFFLOAD_THREADS);
        track(offload::dispose);
        return ReactiveLockTemplate.of(template(), offload);
    }

    @Test
    default void shouldHoldTheLockOverTheMonoAndReleaseOnCompletion() {
        Mono<String> locked = reactive()
                .execute(
                        request("r", "alice").build(),
                        // A blocking call: off the thread that published the grant (Lettuce's, on Redis).
                        (lease) -> Mono.fromCallable(() -> store().inspect(key("r"))
                                        .map(LockState::owner)
                                        .orElse("free"))
                                .subscribeOn(Schedulers.boundedElastic()));
        StepVerifier.create(locked).expectNext("alice").verifyComplete();
        awaitFree("r");
    }

    @Test
    default void shouldReleaseOnError() {
        Mono<String> failing = reactive()
                .execute(request("r", "alice").build(), (lease) -> Mono.error(new IllegalStateException("boom")));
        StepVerifier.create(failing).expectErrorMessage("boom").verify(PATIENCE);
        awaitFree("r");
        assertThat(tryAcquire("r", "bob")).isInstanceOf(LockResult.Acquired.class);
    }

    @Test
    default void shouldReleaseFluxOnCancellation() {
        AtomicBoolean running = new AtomicBoolean();
        Flux<Long> endless = reactive()
                .executeMany(
                        request("r", "alice").build(),
                        (lease) -> Flux.<Long>never().doOnSubscribe((subscription) -> running.set(true)));
        StepVerifier.create(endless)
                .expectSubscription()
                .then(() -> await("the code running under the lock")
                        .atMost(PATIENCE)
                        .untilTrue(running))
                .then(() -> assertThat(store().inspect(key("r")))
                        .get()
                        .extracting(LockState::owner)
                        .isEqualTo("alice"))
                .thenCancel()
                .verify(PATIENCE);
        awaitFree("r");
    }

    @Test
    default void shouldErrorWithLockLostWhenTheLeaseWasLostMeanwhile() {
        Mono<String> lost = reactive()
                .execute(
                        request("r", "alice").build(),
                        (lease) -> Mono.fromCallable(() -> {
                                    template().forceRelease(key("r"));
                                    return "done";
                                })
                                .subscribeOn(Schedulers.boundedElastic()));
        StepVerifier.create(lost)
                .expectErrorSatisfies((error) -> assertThat(error)
                        .isInstanceOf(LockLostException.class)
                        .hasMessageContaining(key("r").toString())
                        .hasMessageContaining("alice"))
                .verify(PATIENCE);
    }

    @Test
    default void shouldGiveTheLeaseToTheCodeAndInTheContext() {
        Mono<Boolean> sameLease = reactive()
                .execute(
                        request("r", "alice").build(),
                        (lease) -> ReactiveLockTemplate.currentLease()
                                .map((current) -> current == lease && lease.token() > 0 && lease.isHeld()));
        StepVerifier.create(sameLease).expectNext(true).verifyComplete();
    }

    @Test
    default void shouldErrorWithLockNotAcquiredWhenHeldAndNotRunTheCode() {
        Lease holder = acquire("r", "alice");
        AtomicInteger ran = new AtomicInteger();
        Mono<String> refused = reactive()
                .execute(
                        request("r", "bob").build(),
                        (lease) -> Mono.fromCallable(() -> "ran " + ran.incrementAndGet()));
        StepVerifier.create(refused)
                .expectErrorSatisfies((error) -> assertThat(error)
                        .isInstanceOf(LockNotAcquiredException.class)
                        .hasMessageContaining(key("r").toString())
                        .hasMessageContaining("alice"))
                .verify(PATIENCE);
        assertThat(ran).hasValue(0);
        holder.close();
    }

    @Test
    default void shouldGrantWaitingSubscriberSoonAfterRelease() throws Exception {
        Lease holder = acquire("r", "alice");
        CompletableFuture<Long> grantedAt = reactive()
                .execute(request("r", "bob").waitTime(LONG).build(), (lease) -> Mono.fromCallable(System::nanoTime))
                .toFuture();
        awaitWaiting("r");
        // Long enough that a polling waiter would be asking every few hundred milliseconds by now.
        await("the waiter still waiting")
                .during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !grantedAt.isDone());
        long releasedAt = System.nanoTime();
        holder.close();
        long granted = grantedAt.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(Duration.ofNanos(granted - releasedAt)).isLessThan(reactiveWakeUpBound());
        awaitFree("r");
    }

    @Test
    default void shouldTimeOutWaitingAfterTheWaitTime() {
        Lease holder = acquire("r", "alice");
        long start = System.nanoTime();
        StepVerifier.create(reactive()
                        .tryAcquire(request("r", "bob").waitTime(SHORT).build()))
                .assertNext((result) -> assertThat(result)
                        .isInstanceOfSatisfying(
                                LockResult.NotAcquired.class,
                                (refused) -> assertThat(refused.reason()).isEqualTo(LockResult.Reason.TIMED_OUT)))
                .verifyComplete();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(SHORT)
                .isLessThan(Duration.ofSeconds(5));
        holder.close();
    }

    @Test
    default void shouldTakeNothingWhenAWaitingSubscriberCancels() {
        Lease holder = acquire("r", "alice");
        StepVerifier.create(
                        reactive().acquire(request("r", "bob").waitTime(LONG).build()))
                .expectSubscription()
                .then(() -> awaitWaiting("r"))
                .thenCancel()
                .verify(PATIENCE);
        await("the cancelled waiter's watch closed")
                .atMost(PATIENCE)
                .until(() -> recorded().waiters(key("r")) == 0);
        holder.close();
        awaitFree("r");
        assertThat(tryAcquire("r", "carol")).isInstanceOf(LockResult.Acquired.class);
    }

    @Test
    default void shouldNeverOverlapConcurrentSubscribers() {
        ReactiveLockTemplate reactive = reactive();
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Flux<Integer> all = Flux.range(0, 12)
                .flatMap((i) -> reactive.execute(
                        request("r", "owner-" + i).waitTime(PATIENCE).build(),
                        (lease) -> Mono.fromCallable(() -> most.accumulateAndGet(holders.incrementAndGet(), Math::max))
                                .delayElement(Duration.ofMillis(5))
                                .doOnNext((ignored) -> holders.decrementAndGet())
                                .thenReturn(i)));
        StepVerifier.create(all).expectNextCount(12).expectComplete().verify(PATIENCE);
        assertThat(most).hasValue(1);
        awaitFree("r");
    }
}

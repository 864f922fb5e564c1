package dev.holdfast.lock.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * What {@link ReactiveLockTemplate} decides itself, whatever the store (the store contract is {@code ReactiveContract}
 * in lock-test-support): laziness, owners per subscription, the minimum hold, and the validation of its arguments.
 */
class ReactiveLockTemplateTests {

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.of(store);

    private final ReactiveLockTemplate reactive = ReactiveLockTemplate.of(template);

    private final LockKey key = new LockKey("reactive", "1");

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldDoNothingUntilSubscribed() {
        AtomicInteger ran = new AtomicInteger();
        Mono<Integer> call =
                reactive.execute(LockRequest.of(key).build(), (lease) -> Mono.fromCallable(ran::incrementAndGet));
        assertThat(store.inspect(key)).isEmpty();
        assertThat(ran).hasValue(0);
        StepVerifier.create(call.repeat(2)).expectNext(1, 2, 3).verifyComplete();
        assertThat(store.inspect(key)).isEmpty();
    }

    @Test
    void shouldGiveEachSubscriptionAnOwnerOfItsOwnWithoutOne() {
        Mono<String> owner = reactive.execute(LockRequest.of(key).build(), (lease) -> Mono.just(lease.owner()));
        String first = owner.block(Duration.ofSeconds(10));
        String second = owner.block(Duration.ofSeconds(10));
        assertThat(first).startsWith(template.instanceId() + ":async-");
        assertThat(second).startsWith(template.instanceId() + ":async-").isNotEqualTo(first);
    }

    @Test
    void shouldKeepTheLockTakenForTheMinimumHold() {
        Mono<String> quick = reactive.execute(
                LockRequest.of(key).owner("job").build(), Duration.ofMillis(600), (lease) -> Mono.just("done"));
        long start = System.nanoTime();
        StepVerifier.create(quick).expectNext("done").verifyComplete();
        assertThat(store.inspect(key)).as("still taken after the code returned").isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.inspect(key).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }

    @Test
    void shouldRefuseANegativeMinimumHoldNamingTheLock() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> reactive.execute(
                        LockRequest.of(key).build(), Duration.ofSeconds(-1), (lease) -> Mono.just("x")))
                .withMessageContaining("[reactive:1]")
                .withMessageContaining("PT-1S");
    }

    @Test
    void shouldRefuseMissingTemplateOrScheduler() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReactiveLockTemplate.of(null, Schedulers.parallel()))
                .withMessageContaining("lock template");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReactiveLockTemplate.of(template, null))
                .withMessageContaining("scheduler");
    }
}

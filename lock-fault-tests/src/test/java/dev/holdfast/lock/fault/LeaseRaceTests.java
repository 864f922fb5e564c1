package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Races on one lease inside one client, on every store, each repeated {@value #TRIALS} times: two threads releasing
 * or closing one lease at once, a release meeting the watchdog's renewal at the store, and two threads releasing the
 * same one of two reentrant holds. A lease releases its hold exactly once whatever the threads, a lease that was not
 * lost is never reported lost, and {@code close()} never throws {@code LockLostException} after a release.
 *
 * <p>Two threads released by a barrier rarely overlap on a store that answers in microseconds (memory), so every
 * other trial lines the race up: a release that reached the store waits up to {@value #MEET_MILLIS} ms for a second
 * one to reach it too, and both then return together. A lease that lets only one release through the store just
 * waits that long.
 */
class LeaseRaceTests {

    private static final int TRIALS = 50;

    private static final long MEET_MILLIS = 50;

    private final String namespace = "race-" + UUID.randomUUID().toString().substring(0, 8);

    private final RecordingListener listener = new RecordingListener();

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    private OpenedStore opened;

    private GatedStore store;

    private LockTemplate template;

    @AfterEach
    void closeEverything() {
        threads.shutdownNow();
        if (template != null) {
            template.close();
        }
        if (opened != null) {
            opened.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldReleaseOnceWhenTwoThreadsReleaseOneLeaseAtOnce(StoreKind kind) throws Exception {
        open(kind);
        for (int trial = 0; trial < TRIALS; trial++) {
            LockKey key = new LockKey(namespace, "twice-" + trial);
            Lease lease = template.acquire(request(key, "owner").build());

            List<AtOnce.Outcome> outcomes = race(trial, lease::release, lease::release);

            assertThat(outcomes)
                    .describedAs("trial %d: %s", trial, outcomes)
                    .allMatch((outcome) -> outcome.thrown() == null)
                    .filteredOn((outcome) -> Boolean.TRUE.equals(outcome.result()))
                    .hasSize(1);
            assertReleasedOnceAndNotLost(key, trial);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldNeverThrowLockLostFromCloseRacingARelease(StoreKind kind) throws Exception {
        open(kind);
        for (int trial = 0; trial < TRIALS; trial++) {
            LockKey key = new LockKey(namespace, "close-" + trial);
            Lease lease = template.acquire(request(key, "owner").build());

            List<AtOnce.Outcome> outcomes = race(trial, lease::release, () -> {
                lease.close();
                return null;
            });

            assertThat(outcomes)
                    .describedAs("trial %d: %s", trial, outcomes)
                    .allMatch((outcome) -> outcome.thrown() == null);
            assertReleasedOnceAndNotLost(key, trial);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldKeepTheOtherReentrantHoldWhenTwoThreadsReleaseTheSameLease(StoreKind kind) throws Exception {
        open(kind);
        for (int trial = 0; trial < TRIALS; trial++) {
            LockKey key = new LockKey(namespace, "reentrant-" + trial);
            Lease first = template.acquire(request(key, "owner").build());
            Lease second = template.acquire(request(key, "owner").build());
            assertThat(second.token()).isEqualTo(first.token());

            List<AtOnce.Outcome> outcomes = race(trial, first::release, first::release);

            assertThat(outcomes)
                    .describedAs("trial %d: %s", trial, outcomes)
                    .allMatch((outcome) -> outcome.thrown() == null)
                    .filteredOn((outcome) -> Boolean.TRUE.equals(outcome.result()))
                    .hasSize(1);
            assertThat(store.inspect(key))
                    .describedAs("trial %d: the lock after one of two holds was released", trial)
                    .get()
                    .extracting(LockState::owner, LockState::holds, LockState::token)
                    .containsExactly("owner", 1, first.token());
            assertThat(template.tryAcquire(request(key, "other").build()).acquired())
                    .describedAs("trial %d: another owner granted the lock", trial)
                    .isFalse();
            assertThat(second.isHeld()).isTrue();
            assertThat(events("Lost", key)).describedAs("trial %d", trial).isEmpty();
            assertThat(second.release()).isTrue();
            assertThat(store.inspect(key)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldNotReportLossWhenAReleaseMeetsTheWatchdogsRenewal(StoreKind kind) throws Exception {
        open(kind);
        for (int trial = 0; trial < TRIALS; trial++) {
            LockKey key = new LockKey(namespace, "watchdog-" + trial);
            Lease lease = template.acquire(request(key, "owner")
                    .lease(Duration.ofMillis(900))
                    .autoRenew(true)
                    .build());
            CyclicBarrier meet = new CyclicBarrier(2);
            store.beforeRenewal(() -> meetQuietly(meet));
            meet.await(30, TimeUnit.SECONDS);
            store.beforeRenewal(() -> {});

            assertThat(lease.release()).describedAs("trial %d", trial).isTrue();

            assertReleasedOnceAndNotLost(key, trial);
        }
    }

    private void open(StoreKind kind) {
        opened = StoreTarget.shared(kind).open();
        store = new GatedStore(opened.store());
        template = LockTemplate.builder(store)
                .instanceId("race")
                .watchdogPeriod(Duration.ofMillis(10))
                .listener(listener)
                .build();
    }

    /** Run two releases at once; on odd trials, releases that both reached the store return together. */
    private List<AtOnce.Outcome> race(int trial, Callable<?> first, Callable<?> second) throws Exception {
        if (trial % 2 == 1) {
            CyclicBarrier bothAnswered = new CyclicBarrier(2);
            store.afterRelease(() -> {
                try {
                    bothAnswered.await(MEET_MILLIS, TimeUnit.MILLISECONDS);
                } catch (Exception ex) {
                    // only one release reached the store: nothing to line up
                }
            });
        }
        try {
            return AtOnce.run(threads, first, second);
        } finally {
            store.afterRelease(() -> {});
        }
    }

    private static LockRequest.Builder request(LockKey key, String owner) {
        return LockRequest.of(key).owner(owner).lease(Duration.ofSeconds(30)).autoRenew(false);
    }

    private void assertReleasedOnceAndNotLost(LockKey key, int trial) {
        assertThat(events("Lost", key))
                .describedAs("trial %d: loss reports", trial)
                .isEmpty();
        assertThat(events("Released", key))
                .describedAs("trial %d: releases", trial)
                .hasSize(1);
        assertThat(store.inspect(key))
                .describedAs("trial %d: the lock after release", trial)
                .isEmpty();
        assertThat(template.heldCount()).isZero();
    }

    private List<LockEvent> events(String type, LockKey key) {
        return listener.of(type).stream()
                .filter((event) -> event.key().equals(key))
                .toList();
    }

    private static void meetQuietly(CyclicBarrier meet) {
        try {
            meet.await(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            // the test gave up on this trial; the renewal goes on
        }
    }
}

package dev.holdfast.lock.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxFullException;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The mailbox meters over a real in-memory store: the listener's counters and timer by outcome, and the gauges of
 * depth, oldest head frame's age and dead letters read from the store.
 */
class MailboxMetricsTests {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.of(store);

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final MovableClock clock = new MovableClock(T0);

    private final Mailboxes mailboxes = MailboxApplication.build(
            template,
            store,
            new OrderEvents(),
            new StaticListableBeanFactory(Map.of("listener", new MicrometerMailboxListener(registry)))
                    .getBeanProvider(MailboxListener.class));

    @AfterEach
    void close() {
        mailboxes.close();
        template.close();
    }

    @Test
    void shouldRegisterTheCountersAtZeroAndGaugeAnEmptyType() {
        new MailboxMetrics(mailboxes.inspector(), clock).bindTo(registry);

        assertThat(registry.get(MicrometerMailboxListener.ENQUEUED)
                        .tag(MicrometerMailboxListener.TYPE_TAG, "orders")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(MicrometerMailboxListener.EXECUTED).counters()).hasSize(4);
        assertThat(registry.get(MicrometerMailboxListener.REFUSED).counters()).hasSize(2);
        assertThat(gauge(MailboxMetrics.DEPTH)).isZero();
        assertThat(gauge(MailboxMetrics.OLDEST_AGE)).isZero();
        assertThat(gauge(MailboxMetrics.DEAD_LETTERS)).isZero();
    }

    @Test
    void shouldCountEnqueuesRunsByOutcomeAndDeadLetters() {
        new MailboxMetrics(mailboxes.inspector(), clock).bindTo(registry);

        assertThat(mailboxes.call(OrderEvents.TYPE, 1, "paid")).isEqualTo("applied paid");
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, 1, "poison"));

        assertThat(counter(MicrometerMailboxListener.ENQUEUED)).isEqualTo(2);
        assertThat(executed("succeeded")).isEqualTo(1);
        assertThat(executed("failed_will_retry")).isEqualTo(1);
        assertThat(executed("dead_lettered")).isEqualTo(1);
        assertThat(executed("failed_at_most_once")).isZero();
        assertThat(counter(MicrometerMailboxListener.DEAD_LETTERED)).isEqualTo(1);
        assertThat(counter(MicrometerMailboxListener.REDELIVERED)).isZero();
        assertThat(registry.get(MicrometerMailboxListener.EXECUTION).timer().count())
                .isEqualTo(3);
        clock.move(Duration.ofSeconds(2));
        assertThat(gauge(MailboxMetrics.DEAD_LETTERS)).isEqualTo(1);
    }

    @Test
    void shouldGaugeDepthAndTheOldestHeadFramesAgeFromTheStore() throws Exception {
        MailboxMetrics metrics = new MailboxMetrics(mailboxes.inspector(), clock);
        metrics.bindTo(registry);
        LockKey mailbox = new LockKey(OrderEvents.TYPE, "2");
        assertThat(store.enqueue(new MailboxFrame("old", mailbox, "paid", List.of(), 0, T0.minusSeconds(42)), 10))
                .isTrue();
        CompletableFuture<String> waiting;
        try (Lease held = hold(mailbox)) {
            waiting = mailboxes.callAsync(OrderEvents.TYPE, 2, "shipped");
            assertThatExceptionOfType(MailboxFullException.class).isThrownBy(() -> {
                for (int i = 0; i < MailboxApplication.SETTINGS.maxDepth(); i++) {
                    mailboxes.callAsync(OrderEvents.TYPE, 2, "more " + i);
                }
            });

            assertThat(gauge(MailboxMetrics.DEPTH)).isEqualTo(MailboxApplication.SETTINGS.maxDepth());
            assertThat(gauge(MailboxMetrics.OLDEST_AGE)).isEqualTo(42);
            clock.move(Duration.ofSeconds(8));
            assertThat(gauge(MailboxMetrics.OLDEST_AGE)).isEqualTo(50);
        }
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("applied shipped");
        assertThat(registry.get(MicrometerMailboxListener.REFUSED)
                        .tag(MicrometerMailboxListener.REASON_TAG, "full")
                        .counter()
                        .count())
                .isEqualTo(1);
        clock.move(Duration.ofSeconds(2));
        assertThat(gauge(MailboxMetrics.DEPTH)).isZero();
        assertThat(gauge(MailboxMetrics.OLDEST_AGE)).isZero();
    }

    private Lease hold(LockKey mailbox) {
        return template.acquire(LockRequest.of(MailboxStore.lockKey(mailbox))
                .owner("test")
                .lease(Duration.ofMinutes(1))
                .autoRenew(false)
                .build());
    }

    private double counter(String name) {
        return registry.get(name)
                .tag(MicrometerMailboxListener.TYPE_TAG, "orders")
                .counter()
                .count();
    }

    private double executed(String outcome) {
        return registry.get(MicrometerMailboxListener.EXECUTED)
                .tag(MicrometerMailboxListener.OUTCOME_TAG, outcome)
                .counter()
                .count();
    }

    private double gauge(String name) {
        if (name.equals(MailboxMetrics.OLDEST_AGE)) {
            return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
        }
        return registry.get(name)
                .tag(MicrometerMailboxListener.TYPE_TAG, "orders")
                .gauge()
                .value();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

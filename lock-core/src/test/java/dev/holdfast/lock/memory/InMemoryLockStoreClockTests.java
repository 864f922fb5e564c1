package dev.holdfast.lock.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryLockStoreClockTests {

    private final MovableClock clock = new MovableClock();

    private final InMemoryLockStore store = new InMemoryLockStore(clock);

    private final LockKey key = LockKey.of("room", 101);

    @Test
    void shouldExpireLeaseWhenInjectedClockPassesIt() {
        AcquireOutcome first =
                store.acquire(new AcquireCommand(key, "Tom", 0, Duration.ofMinutes(15), AcquireMode.LOCK));
        assertThat(first).isInstanceOf(AcquireOutcome.Granted.class);
        clock.advance(Duration.ofMinutes(14));
        assertThat(store.acquire(new AcquireCommand(key, "Jack", 0, Duration.ofMinutes(15), AcquireMode.LOCK)))
                .isInstanceOfSatisfying(
                        AcquireOutcome.Refused.class,
                        (refused) -> assertThat(refused.holder().remaining()).isEqualTo(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        AcquireOutcome second =
                store.acquire(new AcquireCommand(key, "Jack", 0, Duration.ofMinutes(15), AcquireMode.LOCK));
        assertThat(second).isInstanceOf(AcquireOutcome.Granted.class);
        assertThat(((AcquireOutcome.Granted) second).token()).isGreaterThan(((AcquireOutcome.Granted) first).token());
        assertThat(store.release(key, "Tom", ((AcquireOutcome.Granted) first).token()))
                .isEqualTo(ReleaseOutcome.NOT_HELD);
    }

    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
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

package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.server.ServerActivity.Activity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Second;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityWindowTests {

    static final long T0 = 1_764_900_000_000L;

    final ActivityWindow window = new ActivityWindow();

    @Test
    void shouldCountEachKindInTheSecondItHappened() {
        window.record(activity(Kind.GRANTED, T0, null));
        window.record(activity(Kind.GRANTED, T0 + 999, Duration.ofMillis(2)));
        window.record(activity(Kind.GRANTED, T0 + 1000, Duration.ofMillis(4)));
        window.record(activity(Kind.GRANTED, T0 + 1001, Duration.ofMillis(1)));
        window.record(activity(Kind.REFUSED, T0 + 1500, null));
        window.record(activity(Kind.LOST, T0 + 2000, null));
        window.record(activity(Kind.SESSION_EXPIRED, T0 + 2001, null));
        window.record(activity(Kind.RELEASED, T0 + 2002, null));

        List<Second> seconds = window.seconds(T0 / 1000, T0 / 1000 + 3);

        assertThat(seconds)
                .containsExactly(
                        new Second(T0 / 1000, 2, 0, 0, 1, 2.0, 2.0),
                        new Second(T0 / 1000 + 1, 2, 1, 0, 2, 2.5, 4.0),
                        new Second(T0 / 1000 + 2, 0, 0, 1, 0, 0, 0),
                        new Second(T0 / 1000 + 3, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldForgetASecondWhenItsSlotIsReusedFiveMinutesLater() {
        window.record(activity(Kind.GRANTED, T0, null));
        long later = T0 + ActivityWindow.SECONDS * 1000L;

        window.record(activity(Kind.REFUSED, later, null));
        window.record(activity(Kind.GRANTED, T0 + 10, null)); // older than the slot's second now: dropped

        long second = later / 1000;
        assertThat(window.seconds(second, second)).containsExactly(new Second(second, 0, 1, 0, 0, 0, 0));
        assertThat(window.seconds(T0 / 1000, second))
                .as("never more than the window, oldest first")
                .hasSize(ActivityWindow.SECONDS)
                .allSatisfy((s) -> assertThat(s.grants()).isZero())
                .first()
                .extracting(Second::second)
                .isEqualTo(second - ActivityWindow.SECONDS + 1);
    }

    static Activity activity(Kind kind, long at, Duration handoff) {
        return new Activity(kind, "ns/lock", "client/owner", 1, handoff, at);
    }
}

package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.dashboard.DashboardBodies.ActivityRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.SessionRow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The feed over a real {@link ServerActivity}, fed as the API feeds it. */
class DashboardFeedTests {

    final ServerActivity activity = new ServerActivity();

    final DashboardFeed feed = new DashboardFeed(activity);

    @Test
    void shouldTrackSessionsUntilClosedOrExpired() {
        activity.record(Kind.SESSION_OPENED, "s-1", "alice", 0);
        activity.record(Kind.SESSION_OPENED, "s-2", "bob", 0);
        activity.record(Kind.SESSION_OPENED, "s-3", "carol", 0);

        activity.record(Kind.SESSION_CLOSED, "s-1", "alice", 0);
        activity.record(Kind.SESSION_EXPIRED, "s-3", "carol", 0);

        assertThat(feed.sessionsOpen()).isEqualTo(1);
        assertThat(feed.sessions(10))
                .extracting(SessionRow::session, SessionRow::client)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-2", "bob"));
    }

    @Test
    void shouldHandOutLockChangesOnceAndCallTheHookForEach() {
        AtomicInteger hook = new AtomicInteger();
        feed.onChange(hook::incrementAndGet);
        LockKey key = LockKey.of("feed", "a");

        activity.granted(key, "c/w1", 7, false);
        activity.released(key, "c/w1", 7);
        activity.record(Kind.SESSION_OPENED, "s-9", "c", 0);

        DashboardFeed.Changes changes = feed.drainChanges();
        assertThat(changes.targets()).containsExactly("feed/a");
        assertThat(changes.activities())
                .extracting(ActivityRow::kind)
                .containsExactly("GRANTED", "RELEASED", "SESSION_OPENED");
        assertThat(hook).hasValue(3);
        assertThat(feed.drainChanges().activities()).isEmpty();
    }

    @Test
    void shouldBoundWhatItKeeps() {
        for (int i = 0; i < DashboardFeed.MAX_PENDING + 100; i++) {
            activity.granted(LockKey.of("feed", "lock-" + i), "c/w", i, false);
        }

        assertThat(feed.recent())
                .hasSize(DashboardFeed.RECENT)
                .last()
                .extracting(ActivityRow::token)
                .isEqualTo((long) DashboardFeed.MAX_PENDING + 99);
        DashboardFeed.Changes changes = feed.drainChanges();
        assertThat(changes.targets()).hasSize(DashboardFeed.MAX_PENDING);
        assertThat(changes.activities()).hasSize(DashboardFeed.MAX_PENDING);
    }

    @Test
    void shouldStopListeningWhenDestroyed() {
        feed.destroy();

        activity.granted(LockKey.of("feed", "late"), "c/w", 1, false);

        assertThat(feed.recent()).isEmpty();
    }
}

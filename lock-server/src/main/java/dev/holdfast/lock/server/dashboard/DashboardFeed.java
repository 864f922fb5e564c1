package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Activity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.dashboard.DashboardBodies.ActivityRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.SessionRow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What the dashboard learns from {@link ServerActivity}: the per-second {@link ActivityWindow}, the sessions opened on
 * this instance and not ended, the latest activities, and which locks changed since the event stream last asked. Every
 * collection is bounded; the subscriber only counts and queues, so the thread that caused an activity never waits for
 * a dashboard. Thread-safe.
 */
@Component
class DashboardFeed implements DisposableBean {

    static final int RECENT = 50;

    static final int MAX_PENDING = 256;

    static final int MAX_SESSIONS = 10_000;

    private final ActivityWindow window = new ActivityWindow();

    private final Map<String, SessionRow> sessions = new ConcurrentHashMap<>();

    private final ArrayDeque<ActivityRow> recent = new ArrayDeque<>();

    private final Set<String> changedTargets = new LinkedHashSet<>();

    private final List<ActivityRow> changedActivities = new ArrayList<>();

    private final AtomicReference<@Nullable Runnable> onChange = new AtomicReference<>();

    private final Runnable unsubscribe;

    DashboardFeed(ServerActivity activity) {
        this.unsubscribe = activity.subscribe(this::record);
    }

    /**
     * Set what runs (quickly) after each activity: the event stream schedules a change event.
     *
     * @param listener the hook, or {@code null} for none
     */
    void onChange(@Nullable Runnable listener) {
        onChange.set(listener);
    }

    void record(Activity activity) {
        window.record(activity);
        ActivityRow row = row(activity);
        switch (activity.kind()) {
            case SESSION_OPENED -> {
                if (sessions.size() < MAX_SESSIONS) {
                    sessions.put(
                            activity.target(),
                            new SessionRow(activity.target(), activity.owner(), activity.atMillis()));
                }
            }
            case SESSION_CLOSED, SESSION_EXPIRED -> sessions.remove(activity.target());
            default -> {}
        }
        synchronized (this) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(row);
            if (changedActivities.size() < MAX_PENDING) {
                changedActivities.add(row);
            }
            if (isAboutLock(activity.kind()) && changedTargets.size() < MAX_PENDING) {
                changedTargets.add(activity.target());
            }
        }
        Runnable listener = onChange.get();
        if (listener != null) {
            listener.run();
        }
    }

    /**
     * Take what changed since the last call.
     *
     * @return the lock names and the activities, each oldest first
     */
    synchronized Changes drainChanges() {
        Changes changes = new Changes(List.copyOf(changedTargets), List.copyOf(changedActivities));
        changedTargets.clear();
        changedActivities.clear();
        return changes;
    }

    /**
     * Return the latest activities.
     *
     * @return at most {@value #RECENT}, oldest first
     */
    synchronized List<ActivityRow> recent() {
        return List.copyOf(recent);
    }

    /**
     * Return the sessions opened on this instance and not ended, oldest first.
     *
     * @param limit the most to return
     * @return the sessions
     */
    List<SessionRow> sessions(int limit) {
        return sessions.values().stream()
                .sorted(Comparator.comparingLong(SessionRow::openedAt))
                .limit(limit)
                .toList();
    }

    /**
     * Return how many sessions opened on this instance are not ended.
     *
     * @return the count
     */
    int sessionsOpen() {
        return sessions.size();
    }

    /**
     * Return the activity of the seconds from {@code first} to {@code last}.
     *
     * @param first the first second, epoch seconds
     * @param last the last second, epoch seconds
     * @return one entry per second
     */
    List<DashboardBodies.Second> seconds(long first, long last) {
        return window.seconds(first, last);
    }

    @Override
    public void destroy() {
        unsubscribe.run();
    }

    private static boolean isAboutLock(Kind kind) {
        return switch (kind) {
            case GRANTED, RELEASED, LOST, FORCE_RELEASED, WAITING, REFUSED -> true;
            default -> false;
        };
    }

    private static ActivityRow row(Activity activity) {
        Duration handoff = activity.handoff();
        return new ActivityRow(
                activity.kind().name(),
                activity.target(),
                activity.owner(),
                activity.token(),
                (handoff != null) ? handoff.toNanos() / 1_000_000.0 : null,
                activity.atMillis());
    }

    /**
     * What changed.
     *
     * @param targets the locks named by activities
     * @param activities the activities
     */
    record Changes(List<String> targets, List<ActivityRow> activities) {}
}

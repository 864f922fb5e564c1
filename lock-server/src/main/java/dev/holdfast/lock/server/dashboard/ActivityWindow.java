package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.server.ServerActivity.Activity;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Second;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Grants, refusals, hand-offs and lost leases per second over the last {@link #SECONDS} seconds: a ring of one bucket
 * per second, reused as time moves on, so its size never grows. Thread-safe.
 */
final class ActivityWindow {

    /** How many seconds the window keeps. */
    static final int SECONDS = 300;

    private final long[] second = new long[SECONDS];

    private final long[] grants = new long[SECONDS];

    private final long[] refusals = new long[SECONDS];

    private final long[] lost = new long[SECONDS];

    private final long[] handoffs = new long[SECONDS];

    private final long[] handoffNanos = new long[SECONDS];

    private final long[] handoffMaxNanos = new long[SECONDS];

    ActivityWindow() {
        java.util.Arrays.fill(second, -1);
    }

    /**
     * Count an activity in the second it happened.
     *
     * @param activity what happened
     */
    void record(Activity activity) {
        long at = Math.floorDiv(activity.atMillis(), 1000);
        synchronized (this) {
            int i = slot(at);
            if (second[i] != at) {
                if (second[i] > at) {
                    return; // older than the window
                }
                second[i] = at;
                grants[i] = 0;
                refusals[i] = 0;
                lost[i] = 0;
                handoffs[i] = 0;
                handoffNanos[i] = 0;
                handoffMaxNanos[i] = 0;
            }
            switch (activity.kind()) {
                case GRANTED -> {
                    grants[i]++;
                    Duration handoff = activity.handoff();
                    if (handoff != null) {
                        handoffs[i]++;
                        handoffNanos[i] += handoff.toNanos();
                        handoffMaxNanos[i] = Math.max(handoffMaxNanos[i], handoff.toNanos());
                    }
                }
                case REFUSED -> refusals[i]++;
                case LOST -> lost[i]++;
                default -> {}
            }
        }
    }

    /**
     * Return the seconds from {@code first} to {@code last}, both included, with zeros where nothing happened or the
     * second is older than the window.
     *
     * @param first the first second, epoch seconds
     * @param last the last second, epoch seconds
     * @return one entry per second, oldest first
     */
    synchronized List<Second> seconds(long first, long last) {
        long from = Math.max(first, last - SECONDS + 1);
        List<Second> seconds = new ArrayList<>((int) Math.max(0, last - from + 1));
        for (long at = from; at <= last; at++) {
            int i = slot(at);
            if (second[i] != at) {
                seconds.add(new Second(at, 0, 0, 0, 0, 0, 0));
                continue;
            }
            double avg = (handoffs[i] == 0) ? 0 : millis(handoffNanos[i]) / handoffs[i];
            seconds.add(new Second(at, grants[i], refusals[i], lost[i], handoffs[i], avg, millis(handoffMaxNanos[i])));
        }
        return seconds;
    }

    private static int slot(long at) {
        return (int) Math.floorMod(at, (long) SECONDS);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}

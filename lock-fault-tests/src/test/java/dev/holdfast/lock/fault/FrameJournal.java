package dev.holdfast.lock.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The judge of the mailbox kill tests: the frames' handlers in the client JVMs report to it (through the
 * {@link RegisterServer}) when a run starts and ends, with the mailbox lock's fencing token, and apply the frame's
 * effect here. It lives in the test JVM, which no fault touches, and records every violation:
 *
 * <ul>
 *   <li>a run that starts while another run of the same mailbox is still going (overlap), unless that run's JVM is gone
 *       (its connection closed: the run is {@link State#ABANDONED});
 *   <li>a run whose token is below one already seen for the mailbox (a stale holder running);
 *   <li>an effect applied twice for one frame (the handler's idempotence check failed, or a redelivery was not told);
 *   <li>an end with no matching start.
 * </ul>
 *
 * <p>Protocol, one tab-separated line per request: {@code START mailbox name callId token attempt owner}
 * ({@code OK}), {@code APPLIED name} ({@code YES} or {@code NO}), {@code APPLY name} ({@code OK} or
 * {@code REFUSED reason}), {@code END mailbox callId owner} ({@code OK} or {@code REFUSED reason}). Thread-safe.
 */
final class FrameJournal {

    /** Where a run stands. */
    enum State {
        RUNNING,
        ENDED,
        /** Its client JVM went away while it ran: killed mid-frame. */
        ABANDONED
    }

    /**
     * One run of a frame's handler.
     *
     * @param mailbox the mailbox
     * @param name the frame's name (its payload's first part)
     * @param callId the frame's call id
     * @param token the mailbox lock's fencing token the run held
     * @param attempt the attempt the handler was told
     * @param owner the client JVM that ran it
     * @param state where it stands
     */
    record Run(String mailbox, String name, String callId, long token, int attempt, String owner, State state) {

        Run with(State next) {
            return new Run(mailbox, name, callId, token, attempt, owner, next);
        }
    }

    private final List<Run> runs = new ArrayList<>();

    private final Map<Object, List<Integer>> runsByConnection = new HashMap<>();

    private final Map<String, Long> highestToken = new HashMap<>();

    private final Set<String> effects = new LinkedHashSet<>();

    private final List<String> violations = new ArrayList<>();

    /**
     * Answer one request of a connection.
     *
     * @param request the request's fields
     * @param connection the connection it came on
     * @return the answer line
     */
    synchronized String answer(String[] request, Object connection) {
        return switch (request[0]) {
            case "START" -> start(request, connection);
            case "APPLIED" -> effects.contains(request[1]) ? "YES" : "NO";
            case "APPLY" -> apply(request[1]);
            case "END" -> end(request[1], request[2], request[3]);
            default -> violation("unknown request " + String.join(" ", request));
        };
    }

    /**
     * Mark the runs of a connection that closed (its JVM was killed, or ended) and are still going as abandoned.
     *
     * @param connection the connection
     */
    synchronized void disconnected(Object connection) {
        for (int index : runsByConnection.getOrDefault(connection, List.of())) {
            if (runs.get(index).state() == State.RUNNING) {
                runs.set(index, runs.get(index).with(State.ABANDONED));
            }
        }
        runsByConnection.remove(connection);
    }

    /**
     * Return every run so far, in the order they started.
     *
     * @return the runs
     */
    synchronized List<Run> runs() {
        return List.copyOf(runs);
    }

    /**
     * Return the run of a frame that is going now.
     *
     * @param name the frame's name
     * @return the run, or empty when none is going
     */
    synchronized Optional<Run> running(String name) {
        return runs.stream()
                .filter((run) -> run.name().equals(name) && run.state() == State.RUNNING)
                .findFirst();
    }

    /**
     * Return the frames whose effect was applied, in the order they were applied.
     *
     * @return the frames' names
     */
    synchronized List<String> effects() {
        return List.copyOf(effects);
    }

    /**
     * Return every violation so far, in order.
     *
     * @return the violations
     */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    private String start(String[] request, Object connection) {
        Run run = new Run(
                request[1],
                request[2],
                request[3],
                Long.parseLong(request[4]),
                Integer.parseInt(request[5]),
                request[6],
                State.RUNNING);
        for (Run other : runs) {
            if (other.mailbox().equals(run.mailbox()) && other.state() == State.RUNNING) {
                violation("overlap: " + run + " started while " + other + " was running");
            }
        }
        long highest = highestToken.getOrDefault(run.mailbox(), Long.MIN_VALUE);
        if (run.token() < highest) {
            violation("stale token: " + run + " started after token " + highest + " was seen");
        }
        highestToken.put(run.mailbox(), Math.max(highest, run.token()));
        runsByConnection.computeIfAbsent(connection, (key) -> new ArrayList<>()).add(runs.size());
        runs.add(run);
        return "OK";
    }

    private String apply(String name) {
        if (!effects.add(name)) {
            return violation("effect of frame " + name + " applied twice");
        }
        return "OK";
    }

    private String end(String mailbox, String callId, String owner) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run run = runs.get(i);
            if (run.mailbox().equals(mailbox)
                    && run.callId().equals(callId)
                    && run.owner().equals(owner)
                    && run.state() == State.RUNNING) {
                runs.set(i, run.with(State.ENDED));
                return "OK";
            }
        }
        return violation("end of call " + callId + " in " + mailbox + " by " + owner + " with no run going");
    }

    private String violation(String message) {
        violations.add(message);
        return "REFUSED\t" + message;
    }
}

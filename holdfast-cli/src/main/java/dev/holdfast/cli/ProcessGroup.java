package dev.holdfast.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command started with {@code setsid} as the leader of its own session and process group, so that it and every
 * process it starts can be signalled at once ({@code kill -SIG -- -pgid}). Java starts its children outside any group
 * of their own, so {@code setsid} does not fork and the command's pid is its group's id.
 */
final class ProcessGroup {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Process leader;

    private ProcessGroup(Process leader) {
        this.leader = leader;
    }

    /**
     * Starts a command in a new process group, its standard streams those of the CLI.
     *
     * @param command the command and its arguments
     * @return the started group
     * @throws IllegalStateException when it cannot be started
     */
    static ProcessGroup start(List<String> command) {
        List<String> line = new ArrayList<>(command.size() + 1);
        line.add("setsid");
        line.addAll(command);
        try {
            return new ProcessGroup(new ProcessBuilder(line).inheritIO().start());
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot start " + command + " under setsid: " + ex.getMessage(), ex);
        }
    }

    /** The group leader: the command. */
    Process leader() {
        return this.leader;
    }

    /** The process group id (the leader's pid). */
    long id() {
        return this.leader.pid();
    }

    /**
     * Sends a signal to every process of the group (and to the leader itself, in case it has not become a group
     * leader yet).
     *
     * @param signal the signal's name, {@code TERM}, {@code INT}, {@code HUP} or {@code KILL}
     */
    void signal(String signal) {
        kill("-" + signal, "--", "-" + id());
        if (this.leader.isAlive()) {
            kill("-" + signal, String.valueOf(id()));
        }
    }

    /** Whether any process of the group is still alive (zombies waiting to be reaped do not count). */
    boolean anyAlive() {
        return ProcStat.anyAliveInGroup(id());
    }

    /**
     * Terminates the whole group: SIGTERM at once, SIGKILL to whatever is left after the grace.
     *
     * @param grace how long the group may take to end after SIGTERM
     */
    void terminate(Duration grace) {
        signal("TERM");
        long end = System.nanoTime() + grace.toNanos();
        try {
            while (anyAlive() && System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.sleep(Math.min(POLL.toNanos(), end - System.nanoTime()));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            if (anyAlive()) {
                signal("KILL");
            }
        }
    }

    private static int kill(String... args) {
        List<String> line = new ArrayList<>(args.length + 1);
        line.add("kill");
        line.addAll(List.of(args));
        try {
            Process kill = new ProcessBuilder(line)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor();
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot run " + line + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

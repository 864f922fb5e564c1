package dev.holdfast.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code holdfast run NS/ID -- command…}: runs a command while holding a lock, the way {@code flock(1)} and
 * {@code consul lock} are used in scripts, and never lets it run on without the lock.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Acquire a lock, run a command in its own process group while renewing the lock, release it when the"
                    + " command ends, and exit with the command's code.",
            "When the lock is lost (renewal refused, or no renewal succeeded by a safety margin before the lease"
                    + " could end), the whole process group gets SIGTERM at once and SIGKILL after the grace"
                    + " (sooner if the lease would end first), and holdfast exits 3.",
            "SIGINT, SIGTERM and SIGHUP sent to holdfast are forwarded to the process group."
        })
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    /** The exit code when the command cannot be started, as shells answer for a command not found. */
    static final int NOT_STARTED = 127;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/ID", description = "The lock, namespace/id.")
    String lock = "";

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command, after --.")
    List<String> command = List.of();

    @Option(
            names = "--lease",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Lease, renewed every third of it (default ${DEFAULT-VALUE}).")
    Duration lease = Duration.ofSeconds(30);

    @Option(
            names = "--wait",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "How long to wait for the lock (default ${DEFAULT-VALUE}).")
    Duration wait = Duration.ZERO;

    @Option(
            names = "--margin",
            converter = DurationConverter.class,
            description = "Declare the lock lost this long before its lease could end (default a tenth of the lease,"
                    + " at most half of it).")
    @Nullable
    Duration margin;

    @Option(
            names = "--grace",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Time between SIGTERM and SIGKILL on loss (default ${DEFAULT-VALUE}).")
    Duration grace = Duration.ofSeconds(5);

    @Option(names = "--verbose", description = "Report each renewal on standard error.")
    boolean verbose;

    @Option(names = "--owner", description = "Owner (default env HOLDFAST_OWNER, else user@host).")
    @Nullable
    String owner;

    @Option(names = "--priority", defaultValue = "0", description = "Priority among waiters.")
    int priority;

    @Option(names = "--mode", defaultValue = "exclusive", description = "exclusive, read or write.")
    String mode = "exclusive";

    @Override
    public Integer call() {
        LockName name = LockName.parse(this.lock);
        Duration margin = margin(name);
        Holdfast root = Holdfast.root(this.spec);
        LockServerClient client = root.client();
        String owner = (this.owner != null) ? this.owner : Holdfast.defaultOwner();
        ObjectNode body = LockServerClient.object()
                .put("owner", owner)
                .put("leaseMs", this.lease.toMillis())
                .put("waitMs", this.wait.toMillis())
                .put("priority", this.priority)
                .put("mode", this.mode);
        long start = System.nanoTime();
        JsonNode grant = client.post(
                "locks/" + name.path() + "/acquire", body, this.wait.plus(LockServerClient.DEFAULT_TIMEOUT));
        try (LeaseKeeper keeper = new LeaseKeeper(
                client,
                name,
                owner,
                this.lease,
                margin,
                grant,
                start,
                this.verbose ? this.spec.commandLine().getErr() : null)) {
            ProcessGroup group;
            try {
                group = ProcessGroup.start(this.command);
            } catch (IllegalStateException ex) {
                keeper.close();
                release(client, name, owner, keeper.token(), Duration.ofSeconds(2));
                this.spec.commandLine().getErr().println("holdfast: " + ex.getMessage());
                return NOT_STARTED;
            }
            SignalForwarding.install(group);
            String loss = supervise(group, keeper);
            PrintWriter err = this.spec.commandLine().getErr();
            if (loss == null && group.anyAlive()) {
                // what the command left behind in its group must not run on once the lock is released
                err.println("holdfast: the command ended, leaving processes in group " + group.id()
                        + "; terminating them before releasing " + name);
                err.flush();
                group.terminate(untilLeaseEnd(keeper));
            }
            keeper.close();
            if (loss != null) {
                err.println("holdfast: lock " + name + " lost while the command ran (" + loss
                        + "); terminating process group " + group.id());
                err.flush();
                group.terminate(untilLeaseEnd(keeper));
                release(client, name, owner, keeper.token(), Duration.ofSeconds(2));
                return ExitCode.LOST;
            }
            int exit = group.leader().exitValue();
            try {
                release(client, name, owner, keeper.token(), LockServerClient.DEFAULT_TIMEOUT);
            } catch (ServerProblem problem) {
                if (problem.status() == 409) {
                    err.println(
                            "holdfast: lock " + name + " was lost before the command ended: " + problem.getMessage());
                    return ExitCode.LOST;
                }
                err.println("holdfast: releasing " + name + " failed: " + problem.getMessage());
            } catch (ServerUnreachable unreachable) {
                err.println(
                        "holdfast: releasing " + name + " failed, the lease will expire: " + unreachable.getMessage());
            }
            return exit;
        }
    }

    /** The grace, cut short where the lease could end sooner: nothing of the command outlives the lease. */
    private Duration untilLeaseEnd(LeaseKeeper keeper) {
        long untilLeaseEnd = Math.max(0, keeper.leaseEnd() - System.nanoTime());
        return Duration.ofNanos(Math.min(this.grace.toNanos(), untilLeaseEnd));
    }

    /** Waits for the command's end or the lock's loss; the reason of the loss, or {@code null} when it ended. */
    private static @Nullable String supervise(ProcessGroup group, LeaseKeeper keeper) {
        CompletableFuture<Object> either =
                CompletableFuture.anyOf(group.leader().onExit(), keeper.lost());
        while (true) {
            if (!group.leader().isAlive()) {
                return null;
            }
            if (keeper.lost().isDone()) {
                return keeper.lost().join();
            }
            long left = keeper.deadline() - System.nanoTime();
            if (left <= 0) {
                return "no renewal succeeded by the safety margin before the lease could end";
            }
            try {
                either.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                // the deadline may have moved with a renewal: look again
            } catch (ExecutionException ex) {
                throw new IllegalStateException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static void release(LockServerClient client, LockName name, String owner, long token, Duration timeout) {
        ObjectNode body = LockServerClient.object().put("owner", owner).put("token", token);
        try {
            client.post("locks/" + name.path() + "/release", body, timeout);
        } catch (ServerProblem | ServerUnreachable ex) {
            if (timeout.compareTo(LockServerClient.DEFAULT_TIMEOUT) >= 0) {
                throw ex;
            }
            // after a loss the release is a courtesy: the lease is gone or ends by itself
        }
    }

    private Duration margin(LockName name) {
        if (this.lease.toMillis() < 100) {
            throw new IllegalArgumentException("Lock [" + name + "] --lease must be at least 100ms, was " + this.lease);
        }
        Duration margin = (this.margin != null) ? this.margin : this.lease.dividedBy(10);
        if (margin.compareTo(this.lease.dividedBy(2)) > 0) {
            throw new IllegalArgumentException(
                    "Lock [" + name + "] --margin " + margin + " must be at most half the lease " + this.lease);
        }
        return margin;
    }
}

package dev.holdfast.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one granted lock: renews it at a third of its lease, and keeps the local deadline at which it counts as lost,
 * measured on this JVM's monotonic clock from the START of the request that granted or renewed it, plus the
 * {@code remainingMs} the server answered, minus the safety margin. The lease can only have ended on the server after
 * that deadline, never before. A refused renewal loses the lock at once; a failed one (server unreachable, 5xx) is
 * retried until the deadline. Thread-safe: one scheduler thread renews, any thread reads.
 */
final class LeaseKeeper implements AutoCloseable {

    private final LockServerClient client;

    private final LockName name;

    private final String owner;

    private final long token;

    private final Duration lease;

    private final Duration margin;

    private final CompletableFuture<String> lost = new CompletableFuture<>();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "holdfast-renew");
        thread.setDaemon(true);
        return thread;
    });

    private final @Nullable PrintWriter log;

    private volatile long deadline;

    private volatile long leaseEnd;

    LeaseKeeper(
            LockServerClient client,
            LockName name,
            String owner,
            Duration lease,
            Duration margin,
            JsonNode grant,
            long requestStart,
            @Nullable PrintWriter log) {
        this.log = log;
        this.client = client;
        this.name = name;
        this.owner = owner;
        this.token = grant.path("token").asLong();
        this.lease = lease;
        this.margin = margin;
        granted(grant, requestStart);
        this.scheduler.schedule(this::renew, lease.toNanos() / 3, TimeUnit.NANOSECONDS);
    }

    /** The fencing token of the grant. */
    long token() {
        return this.token;
    }

    /** The {@link System#nanoTime()} from which the lock counts as lost: the margin before the lease can end. */
    long deadline() {
        return this.deadline;
    }

    /** The {@link System#nanoTime()} at which the lease ends at the earliest on the server, if never renewed again. */
    long leaseEnd() {
        return this.leaseEnd;
    }

    /** Completed with the reason when the server refused a renewal. */
    CompletableFuture<String> lost() {
        return this.lost;
    }

    private void granted(JsonNode grant, long requestStart) {
        long remaining = TimeUnit.MILLISECONDS.toNanos(grant.path("remainingMs").asLong());
        this.leaseEnd = requestStart + remaining;
        this.deadline = this.leaseEnd - this.margin.toNanos();
    }

    private void renew() {
        long start = System.nanoTime();
        long left = this.deadline - start;
        if (left <= 0 || this.lost.isDone()) {
            return;
        }
        ObjectNode body = LockServerClient.object()
                .put("owner", this.owner)
                .put("token", this.token)
                .put("leaseMs", this.lease.toMillis());
        try {
            JsonNode grant = this.client.post("locks/" + this.name.path() + "/renew", body, Duration.ofNanos(left));
            granted(grant, start);
            log("renewed " + this.name + ": " + grant.path("remainingMs").asLong() + " ms remaining");
            this.scheduler.schedule(this::renew, this.lease.toNanos() / 3, TimeUnit.NANOSECONDS);
        } catch (ServerProblem problem) {
            if (problem.status() >= 500) {
                log("renewal failed, retrying: " + problem.getMessage());
                retry();
            } else {
                this.lost.complete("renewal refused: " + problem.getMessage());
            }
        } catch (ServerUnreachable unreachable) {
            log("renewal failed, retrying: " + unreachable.getMessage());
            retry();
        } catch (RuntimeException ex) {
            this.lost.complete("renewal broke: " + ex);
        }
    }

    private void retry() {
        long left = this.deadline - System.nanoTime();
        if (left > 0) {
            this.scheduler.schedule(this::renew, Math.min(left, this.lease.toNanos() / 10), TimeUnit.NANOSECONDS);
        }
    }

    private void log(String message) {
        if (this.log != null) {
            this.log.println("holdfast: " + message);
            this.log.flush();
        }
    }

    /** Stops renewing. */
    @Override
    public void close() {
        this.scheduler.shutdownNow();
    }
}

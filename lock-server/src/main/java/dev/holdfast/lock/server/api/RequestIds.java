package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.api.LockBodies.Granted;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Idempotent acquires: the answer to an acquire with a {@code requestId}, kept per client for the grant's lease (at
 * least {@code holdfast.server.request-id-retention}), so that a client repeating the request (a retry after a lost
 * response) gets the same grant instead of a second hold. A refusal is not kept: a retry asks again. A release of
 * the grant forgets it. Kept in this server instance's memory. Thread-safe.
 */
final class RequestIds {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Duration retention;

    RequestIds(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    private record Entry(LockKey key, CompletableFuture<? extends Granted<?>> answer, long keepUntilMillis) {}

    /**
     * Return the answer to an earlier request with the same id, or start a new one.
     *
     * @param client the authenticated client
     * @param requestId the request id, or {@code null} for a request that is not idempotent
     * @param key the lock or semaphore asked for
     * @param acquire starts the request
     * @return the answer: the earlier one, or the new one
     */
    @SuppressWarnings("unchecked")
    <G extends Granted<G>> CompletableFuture<G> once(
            String client, @Nullable String requestId, LockKey key, Supplier<CompletableFuture<G>> acquire) {
        if (requestId == null) {
            return acquire.get();
        }
        if (requestId.isBlank() || requestId.length() > 128) {
            throw ServerProblem.badRequest("Lock [" + ServerActivity.target(key)
                    + "] requestId must be 1 to 128 characters, but was [" + requestId + "]");
        }
        String id = client + "\n" + requestId;
        CompletableFuture<G> mine = new CompletableFuture<>();
        Entry entry = entries.putIfAbsent(id, new Entry(key, mine, Long.MAX_VALUE));
        if (entry != null) {
            if (!entry.key().equals(key)) {
                throw ServerProblem.badRequest("Request id [" + requestId + "] was used for ["
                        + ServerActivity.target(entry.key()) + "], not for [" + ServerActivity.target(key) + "]");
            }
            return ((CompletableFuture<G>) entry.answer()).thenApply(this::now);
        }
        acquire.get().whenComplete((grant, ex) -> {
            if (ex != null) {
                entries.remove(id);
                mine.completeExceptionally(ex);
                return;
            }
            long keep = Math.max(grant.deadline(), clock.millis() + retention.toMillis());
            entries.put(id, new Entry(key, mine, keep));
            mine.complete(grant);
        });
        return mine;
    }

    /**
     * Forget the request that produced a grant once it is released.
     *
     * @param key the lock or semaphore
     * @param token the grant's token
     */
    void released(LockKey key, long token) {
        if (!entries.isEmpty()) {
            entries.values()
                    .removeIf((entry) -> entry.key().equals(key)
                            && entry.answer().isDone()
                            && !entry.answer().isCompletedExceptionally()
                            && entry.answer().join().token() == token);
        }
    }

    /** Forget answers kept long enough. */
    void sweep() {
        long now = clock.millis();
        entries.values().removeIf((entry) -> entry.keepUntilMillis() < now);
    }

    /** The grant as it stands now: the same token and deadline, the time left counted again. */
    private <G extends Granted<G>> G now(G grant) {
        return grant.withRemaining(Math.max(0, Math.min(grant.remainingMs(), grant.deadline() - clock.millis())));
    }
}

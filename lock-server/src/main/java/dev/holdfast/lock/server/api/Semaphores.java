package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.api.Hold.Mode;
import dev.holdfast.lock.server.api.LockBodies.Holder;
import dev.holdfast.lock.server.api.LockBodies.ReleaseBody;
import dev.holdfast.lock.server.api.LockBodies.RenewBody;
import dev.holdfast.lock.server.api.SemaphoreBodies.AcquireBody;
import dev.holdfast.lock.server.api.SemaphoreBodies.PermitGrant;
import dev.holdfast.lock.server.api.SemaphoreBodies.PermitHolderView;
import dev.holdfast.lock.server.api.SemaphoreBodies.SemaphoreView;
import dev.holdfast.lock.server.api.Sessions.Session;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The semaphores of the API: administration (create, resize, delete) and permits (acquire, renew and release through
 * {@link Holds}), with the same owners, sessions and request ids as locks.
 */
final class Semaphores {

    private final PermitGateway gateway;

    private final SemaphoreStore store;

    private final Locks locks;

    private final Holds holds;

    private final Sessions sessions;

    private final RequestIds requestIds;

    private final ServerActivity activity;

    private final Clock clock;

    Semaphores(
            PermitGateway gateway,
            Locks locks,
            Holds holds,
            Sessions sessions,
            RequestIds requestIds,
            ServerActivity activity,
            Clock clock) {
        this.gateway = gateway;
        this.store = gateway.store();
        this.locks = locks;
        this.holds = holds;
        this.sessions = sessions;
        this.requestIds = requestIds;
        this.activity = activity;
        this.clock = clock;
    }

    SemaphoreView size(LockKey key, @Nullable Integer permits, @Nullable Boolean fair) {
        if (permits == null || permits < 1) {
            throw ServerProblem.badRequest(
                    "Semaphore [" + ServerActivity.target(key) + "] permits must be at least 1, but was " + permits);
        }
        if (!store.createSemaphore(key, permits, Boolean.TRUE.equals(fair))) {
            store.resizeSemaphore(key, permits);
        }
        return inspect(key).orElseThrow(() -> notFound(key));
    }

    void delete(LockKey key, boolean force) {
        SemaphoreDeletion deletion = store.deleteSemaphore(key, force);
        if (deletion == SemaphoreDeletion.NOT_FOUND) {
            throw notFound(key);
        }
        if (deletion == SemaphoreDeletion.IN_USE) {
            throw new ServerProblem(
                    HttpStatus.CONFLICT,
                    "semaphore-in-use",
                    "Semaphore in use",
                    "Semaphore [" + ServerActivity.target(key) + "] has permits held: release them or delete with"
                            + " force=true",
                    Map.of("semaphore", ServerActivity.target(key)));
        }
    }

    CompletableFuture<PermitGrant> acquire(String client, LockKey key, AcquireBody body) {
        String owner = Locks.owner(client, key, body.owner());
        Session session = (body.session() != null) ? sessions.get(client, body.session()) : null;
        Duration lease = (session != null) ? session.ttl : Locks.lease(key, body.leaseMs());
        Duration wait = locks.waitTime(key, body.waitMs());
        int permits = (body.permits() != null) ? body.permits() : 1;
        int priority = (body.priority() != null) ? body.priority() : 0;
        PermitCommand command = new PermitCommand(
                key, SemaphoreKind.SEMAPHORE, owner, priority, permits, false, lease, AcquireMode.LOCK, 0, false);
        return requestIds.<PermitGrant>once(
                client,
                body.requestId(),
                key,
                () -> gateway.acquire(command, wait).thenApply((attempt) -> {
                    if (!(attempt.outcome() instanceof PermitOutcome.Granted granted)) {
                        activity.record(Kind.REFUSED, ServerActivity.target(key), owner, 0);
                        throw refusal(key, owner, wait, attempt.outcome());
                    }
                    activity.granted(key, owner, granted.token(), !wait.isZero());
                    if (session != null) {
                        sessions.attach(session, new Hold(Mode.PERMITS, key, owner, granted.token(), Duration.ZERO));
                    }
                    long elapsed = Duration.ofNanos(System.nanoTime() - attempt.askedNanos())
                            .toMillis();
                    return new PermitGrant(
                            ServerActivity.target(key),
                            String.valueOf(body.owner()),
                            permits,
                            granted.token(),
                            lease.toMillis(),
                            clock.millis() - elapsed + lease.toMillis(),
                            Math.max(0, lease.toMillis() - elapsed),
                            (session != null) ? session.id : null);
                }));
    }

    CompletableFuture<PermitGrant> renew(String client, LockKey key, RenewBody body) {
        String owner = Locks.owner(client, key, body.owner());
        Duration lease = Locks.lease(key, body.leaseMs());
        long asked = System.nanoTime();
        Hold hold = new Hold(Mode.PERMITS, key, owner, body.token(), Duration.ZERO);
        return holds.renew(hold, lease).thenApply((renewed) -> {
            if (!renewed) {
                activity.record(Kind.LOST, ServerActivity.target(key), owner, body.token());
                throw new ServerProblem(
                        HttpStatus.CONFLICT,
                        "permits-lost",
                        "Permits lost",
                        "Semaphore [" + ServerActivity.target(key) + "] permits are no longer held by '" + owner
                                + "' with token " + body.token(),
                        Map.of("semaphore", ServerActivity.target(key)));
            }
            int permits = store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key)
                    .flatMap((state) -> state.holders().stream()
                            .filter((holder) -> holder.token() == body.token())
                            .findFirst())
                    .map(PermitHolder::permits)
                    .orElse(0);
            long elapsed = Duration.ofNanos(System.nanoTime() - asked).toMillis();
            return new PermitGrant(
                    ServerActivity.target(key),
                    String.valueOf(body.owner()),
                    permits,
                    body.token(),
                    lease.toMillis(),
                    clock.millis() - elapsed + lease.toMillis(),
                    Math.max(0, lease.toMillis() - elapsed),
                    null);
        });
    }

    CompletableFuture<Void> release(String client, LockKey key, ReleaseBody body) {
        String owner = Locks.owner(client, key, body.owner());
        activity.releasing(key);
        return holds.release(new Hold(Mode.PERMITS, key, owner, body.token(), Duration.ZERO))
                .thenAccept((released) -> {
                    if (!released) {
                        activity.releaseRefused(key);
                        throw new ServerProblem(
                                HttpStatus.CONFLICT,
                                "permits-not-held",
                                "Permits not held",
                                "Semaphore [" + ServerActivity.target(key) + "] permits are not held by '" + owner
                                        + "' with token " + body.token(),
                                Map.of("semaphore", ServerActivity.target(key)));
                    }
                    sessions.released(key, owner, body.token());
                    requestIds.released(key, body.token());
                    activity.released(key, owner, body.token());
                });
    }

    Optional<SemaphoreView> inspect(LockKey key) {
        return store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key).map(this::view);
    }

    List<SemaphoreView> list(@Nullable String namespace, int limit) {
        return store.listSemaphores(namespace, limit).stream()
                .filter((state) -> state.kind() == SemaphoreKind.SEMAPHORE)
                .map(this::view)
                .toList();
    }

    private SemaphoreView view(SemaphoreState state) {
        List<PermitHolderView> holders = state.holders().stream()
                .map((holder) -> new PermitHolderView(holder(holder), holder.permits()))
                .toList();
        return new SemaphoreView(
                ServerActivity.target(state.key()),
                state.size(),
                state.used(),
                state.fair(),
                holders,
                activity.waiters(state.key()));
    }

    private Holder holder(PermitHolder holder) {
        if (dev.holdfast.lock.LockRequest.isForever(holder.remaining())) {
            return new Holder(holder.owner(), holder.token(), -1, -1);
        }
        long remaining = holder.remaining().toMillis();
        return new Holder(holder.owner(), holder.token(), clock.millis() + remaining, remaining);
    }

    private static ServerProblem refusal(LockKey key, String owner, Duration wait, PermitOutcome outcome) {
        String semaphore = ServerActivity.target(key);
        if (outcome instanceof PermitOutcome.Missing) {
            return notFound(key);
        }
        if (outcome instanceof PermitOutcome.Rejected rejected) {
            return new ServerProblem(
                    HttpStatus.CONFLICT,
                    "permits-rejected",
                    "Permits can never be granted as asked",
                    rejected.reason(),
                    Map.of("semaphore", semaphore));
        }
        SemaphoreState state = ((PermitOutcome.Refused) outcome).state();
        String within = wait.isZero() ? "" : " within " + wait.toMillis() + " ms";
        return new ServerProblem(
                HttpStatus.CONFLICT,
                "permits-not-acquired",
                "Permits not acquired",
                "Semaphore [" + semaphore + "] permits not acquired by '" + owner + "'" + within + ": " + state.used()
                        + " of " + state.size() + " in use",
                Map.of("semaphore", semaphore));
    }

    static ServerProblem notFound(LockKey key) {
        String semaphore = ServerActivity.target(key);
        return new ServerProblem(
                HttpStatus.NOT_FOUND,
                "semaphore-not-found",
                "Semaphore not found",
                "Semaphore [" + semaphore + "] does not exist",
                Map.of("semaphore", semaphore));
    }
}

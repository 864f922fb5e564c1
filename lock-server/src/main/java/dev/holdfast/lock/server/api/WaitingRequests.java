package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.ServerActivity;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;

/**
 * The requests waiting for a lock or permits on this instance. At shutdown, before the web server's graceful shutdown
 * waits for requests in flight, every waiting request is answered with a 503 {@code server-shutting-down} problem and
 * stops waiting (its watch is closed, a grant on its way is given back); nothing held is released. Thread-safe.
 */
final class WaitingRequests implements SmartLifecycle {

    private final Map<CompletableFuture<?>, LockKey> waiting = new ConcurrentHashMap<>();

    private volatile boolean running;

    private volatile boolean stopping;

    /**
     * Register a waiting request; answered at once with 503 when the server is stopping.
     *
     * @param request the request's future
     * @param key what it waits for
     */
    void add(CompletableFuture<?> request, LockKey key) {
        waiting.put(request, key);
        if (stopping) {
            request.completeExceptionally(shuttingDown(key));
        }
    }

    void remove(CompletableFuture<?> request) {
        waiting.remove(request);
    }

    /**
     * Return how many requests wait.
     *
     * @return the count
     */
    int size() {
        return waiting.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        waiting.forEach((request, key) -> request.completeExceptionally(shuttingDown(key)));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop first: before the web server's graceful shutdown, which waits for the requests answered here. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static ServerProblem shuttingDown(LockKey key) {
        return new ServerProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "server-shutting-down",
                "Server shutting down",
                "The server is shutting down: the wait for [" + ServerActivity.target(key) + "] ended; try again",
                Map.of("lock", ServerActivity.target(key)));
    }
}

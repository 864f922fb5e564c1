package dev.holdfast.sample.exports;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spring.aop.Locked;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * Runs exports, at most {@link #AT_ONCE} at a time across every instance: {@link #start} holds one permit of the
 * {@code exports} semaphore from the moment it starts an export until the export's future completes (it finishes, or
 * {@link #cancel} ends it), because {@code @Locked} holds the lock of a method returning a future until the future
 * completes. The semaphore is created with three permits by the first export that finds it missing.
 */
@Service
public class Exports {

    /** How many exports run at once, across instances: the size of the {@code exports} semaphore. */
    public static final int AT_ONCE = 3;

    private final AtomicLong ids = new AtomicLong();

    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    private final LockTemplate locks;

    public Exports(LockTemplate locks) {
        this.locks = locks;
    }

    /**
     * Describe a new export, not started yet.
     *
     * @param report what to export
     * @param takes how long it runs
     * @return the export, with a number of its own
     * @throws IllegalArgumentException naming a blank report or a time out of range
     */
    public Export newExport(String report, Duration takes) {
        return new Export(this.ids.incrementAndGet(), report, takes, null, Export.Status.NEW);
    }

    /**
     * Start an export if fewer than {@link #AT_ONCE} run; it holds its permit until it finishes or is cancelled.
     *
     * @param export the export
     * @return the export's completion, which gives the permit back
     * @throws dev.holdfast.lock.LockNotAcquiredException when {@link #AT_ONCE} exports run (answered 409)
     */
    @Locked(name = "exports", permits = AT_ONCE)
    public CompletableFuture<Export> start(Export export) {
        Export started = export.with(LockTemplate.currentLease().orElseThrow().token(), Export.Status.RUNNING);
        CompletableFuture<Export> done = new CompletableFuture<>();
        this.running.put(started.id(), new Running(started, done));
        CompletableFuture.delayedExecutor(started.takes().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> end(started.id(), Export.Status.DONE));
        return done;
    }

    /**
     * Cancel a running export: its permit is given back before this returns.
     *
     * @param id the export's number
     * @return the cancelled export, or empty when no such export runs
     */
    public Optional<Export> cancel(long id) {
        return end(id, Export.Status.CANCELLED);
    }

    /**
     * Return the exports running on this instance, oldest first.
     *
     * @return the exports
     */
    public List<Export> running() {
        return this.running.values().stream()
                .map(Running::export)
                .sorted(Comparator.comparingLong(Export::id))
                .toList();
    }

    /**
     * Return the {@code exports} semaphore as the store sees it: its size and every instance's holders.
     *
     * @return the semaphore, or empty before the first export created it
     */
    public Optional<SemaphoreState> permits() {
        return this.locks.semaphore("exports", "exports").inspect();
    }

    private Optional<Export> end(long id, Export.Status status) {
        Running run = this.running.remove(id);
        if (run == null) {
            return Optional.empty();
        }
        Export ended = run.export().with(run.export().permit(), status);
        run.done().complete(ended);
        return Optional.of(ended);
    }

    private record Running(Export export, CompletableFuture<Export> done) {}
}

package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.server.api.ServerProblem;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Change;
import dev.holdfast.lock.server.dashboard.DashboardBodies.LockRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Snapshot;
import dev.holdfast.lock.server.dashboard.DashboardBodies.State;
import dev.holdfast.lock.server.dashboard.DashboardBodies.Viewer;
import dev.holdfast.lock.server.dashboard.DashboardFeed.Changes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboards' event streams: at most {@code holdfast.server.dashboard.max-clients} {@link SseEmitter}s, each sent a
 * {@code snapshot} when it connects, a {@code change} as soon as an activity names a lock (coalesced over
 * {@value #COALESCE_MS} ms) and a {@code state} tick each second. Every event is sent from one scheduler thread, so a
 * stream's events are in order and an API thread never writes to a dashboard. An emitter is dropped when it completes,
 * times out or fails a send; at shutdown every stream is completed before the web server waits for requests in
 * flight. Thread-safe.
 */
final class DashboardEvents implements SmartLifecycle {

    static final long COALESCE_MS = 50;

    static final int TICK_SECONDS = 5;

    private static final Log logger = LogFactory.getLog(DashboardEvents.class);

    private final Map<SseEmitter, Runnable> emitters = new ConcurrentHashMap<>();

    private final AtomicInteger connected = new AtomicInteger();

    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    private final DashboardReader reader;

    private final DashboardFeed feed;

    private final ThreadPoolTaskScheduler scheduler;

    private final DashboardProperties properties;

    private final Clock clock;

    private volatile @Nullable ScheduledFuture<?> ticker;

    DashboardEvents(
            DashboardReader reader,
            DashboardFeed feed,
            ThreadPoolTaskScheduler scheduler,
            DashboardProperties properties,
            Clock clock) {
        this.reader = reader;
        this.feed = feed;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Open a stream for a client; its snapshot follows at once.
     *
     * @param viewer the authenticated client
     * @return the emitter to answer the request with
     * @throws ServerProblem 503 {@code too-many-dashboards} when the limit is reached, or when the server stops
     */
    SseEmitter connect(Viewer viewer) {
        if (!isRunning()) {
            throw refused(viewer, "the server is stopping");
        }
        if (connected.incrementAndGet() > properties.getMaxClients()) {
            connected.decrementAndGet();
            throw refused(
                    viewer,
                    properties.getMaxClients() + " dashboards are connected (holdfast.server.dashboard.max-clients)");
        }
        SseEmitter emitter = new SseEmitter(properties.getStreamTimeout().toMillis());
        AtomicBoolean gone = new AtomicBoolean();
        Runnable remove = () -> {
            if (gone.compareAndSet(false, true)) {
                emitters.remove(emitter);
                connected.decrementAndGet();
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError((ex) -> remove.run());
        scheduler.execute(() -> {
            if (gone.get()) {
                return;
            }
            Snapshot snapshot;
            try {
                snapshot =
                        new Snapshot(viewer, reader.storeName(), reader.state(ActivityWindow.SECONDS), feed.recent());
            } catch (RuntimeException ex) {
                remove.run();
                emitter.completeWithError(ex);
                return;
            }
            emitters.put(emitter, remove);
            if (gone.get()) {
                emitters.remove(emitter);
                return;
            }
            send(emitter, "snapshot", snapshot);
        });
        return emitter;
    }

    private static ServerProblem refused(Viewer viewer, String why) {
        return new ServerProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-dashboards",
                "Dashboard stream refused",
                "The dashboard stream of '" + viewer.client() + "' was refused: " + why,
                Map.of("client", viewer.client()));
    }

    /**
     * Return how many streams are open.
     *
     * @return the count
     */
    int connected() {
        return connected.get();
    }

    /** Schedule a change event, unless one is scheduled already. Quick: runs on the thread of an activity. */
    void changed() {
        if (!emitters.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flush, clock.instant().plusMillis(COALESCE_MS));
        }
    }

    private void flush() {
        flushScheduled.set(false);
        Changes changes = feed.drainChanges();
        if (emitters.isEmpty()
                || (changes.targets().isEmpty() && changes.activities().isEmpty())) {
            return;
        }
        List<LockRow> locks = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String target : changes.targets()) {
            Optional<LockRow> lock = readSafely(target);
            if (lock.isPresent()) {
                locks.add(lock.get());
            } else {
                gone.add(target);
            }
        }
        sendAll("change", new Change(locks, gone, changes.activities(), clock.millis()));
    }

    private Optional<LockRow> readSafely(String target) {
        try {
            return reader.lock(target);
        } catch (RuntimeException ex) {
            logger.debug("Dashboard could not read lock [" + target + "]", ex);
            return Optional.empty();
        }
    }

    private void tick() {
        if (emitters.isEmpty()) {
            feed.drainChanges();
            return;
        }
        State state;
        try {
            state = reader.state(TICK_SECONDS);
        } catch (RuntimeException ex) {
            logger.warn("Dashboard could not read the store: " + ex);
            return;
        }
        sendAll("state", state);
    }

    private void sendAll(String name, Object data) {
        for (SseEmitter emitter : emitters.keySet()) {
            send(emitter, name, data);
        }
    }

    private void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | RuntimeException ex) {
            Runnable remove = emitters.get(emitter);
            if (remove != null) {
                remove.run();
            }
            emitter.completeWithError(ex);
        }
    }

    @Override
    public void start() {
        feed.onChange(this::changed);
        ticker = scheduler.scheduleAtFixedRate(this::tick, Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = ticker;
        ticker = null;
        feed.onChange(null);
        if (running != null) {
            running.cancel(false);
        }
        emitters.forEach((emitter, remove) -> {
            remove.run();
            emitter.complete();
        });
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** Stop before the web server's graceful shutdown, which would wait for the open streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}

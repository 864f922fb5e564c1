package dev.holdfast.lock.benchmarks.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trivial handler every contender runs: appends the payload to an in-memory list per entity and returns a small
 * string. It also detects two frames of one entity running at once in this JVM (which no contender may allow) and
 * counts them, so a run that broke exclusion says so instead of looking fast.
 */
final class EntityLog {

    /** Frames found running while another frame of the same entity was running. */
    static final AtomicLong OVERLAPS = new AtomicLong();

    private final Map<String, Entity> entities = new ConcurrentHashMap<>();

    /**
     * Run one frame.
     *
     * @param entity the entity id
     * @param payload the frame's payload
     * @return {@code ok:<entries so far>}
     */
    String apply(String entity, String payload) {
        Entity state = entities.computeIfAbsent(entity, (id) -> new Entity());
        if (!state.running.compareAndSet(false, true)) {
            OVERLAPS.incrementAndGet();
        }
        try {
            synchronized (state.payloads) {
                state.payloads.add(payload);
                return "ok:" + state.payloads.size();
            }
        } finally {
            state.running.set(false);
        }
    }

    private static final class Entity {

        final AtomicBoolean running = new AtomicBoolean();

        final List<String> payloads = new ArrayList<>();
    }
}

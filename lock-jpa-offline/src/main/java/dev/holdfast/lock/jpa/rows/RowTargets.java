package dev.holdfast.lock.jpa.rows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Turns what a caller passes into the rows to lock: nulls dropped, collections and arrays flattened, sorted, once. */
final class RowTargets {

    private RowTargets() {}

    /**
     * Normalise the caller's entities.
     *
     * @param entities entities, {@link TableRow}s, collections or arrays of them, nulls
     * @param identify finds the row of one entity
     * @return one target per distinct row, in locking order
     */
    static List<Target> normalize(@Nullable Iterable<?> entities, Function<Object, RowKey> identify) {
        Map<RowKey, Target> sorted = new TreeMap<>();
        if (entities != null) {
            add(entities, identify, sorted);
        }
        return List.copyOf(sorted.values());
    }

    private static void add(Iterable<?> entities, Function<Object, RowKey> identify, Map<RowKey, Target> sorted) {
        for (Object entity : entities) {
            if (entity == null) {
                continue;
            }
            if (entity instanceof Iterable<?> nested) {
                add(nested, identify, sorted);
            } else if (entity instanceof Object[] array) {
                add(java.util.Arrays.asList(array), identify, sorted);
            } else {
                RowKey key = identify.apply(entity);
                sorted.putIfAbsent(key, new Target(key, entity));
            }
        }
    }

    static List<RowKey> keys(Collection<Target> targets) {
        List<RowKey> keys = new ArrayList<>(targets.size());
        targets.forEach((target) -> keys.add(target.key()));
        return keys;
    }

    /**
     * One row to lock.
     *
     * @param key the row's identity
     * @param source what the caller passed: an entity or a {@link TableRow}
     */
    record Target(RowKey key, Object source) {}
}

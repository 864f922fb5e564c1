package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.RenewCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits the watchdog's renewals into script calls: at most {@code size} leases each and, on Redis Cluster, one hash
 * slot each (a script may only touch the keys of one slot there).
 */
final class RenewBatches {

    private RenewBatches() {}

    static List<List<RenewCommand>> of(
            List<RenewCommand> commands, int size, boolean bySlot, Function<RenewCommand, String> lockKey) {
        Map<Integer, List<RenewCommand>> groups = new LinkedHashMap<>();
        for (RenewCommand command : commands) {
            int group = bySlot ? HashSlots.slot(lockKey.apply(command)) : 0;
            groups.computeIfAbsent(group, (slot) -> new ArrayList<>()).add(command);
        }
        List<List<RenewCommand>> batches = new ArrayList<>();
        for (List<RenewCommand> group : groups.values()) {
            for (int from = 0; from < group.size(); from += size) {
                batches.add(group.subList(from, Math.min(group.size(), from + size)));
            }
        }
        return batches;
    }
}

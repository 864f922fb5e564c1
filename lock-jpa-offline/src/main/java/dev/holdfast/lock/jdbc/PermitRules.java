package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.jdbc.SemaphoreRows.Grant;
import dev.holdfast.lock.jdbc.SemaphoreRows.Members;
import dev.holdfast.lock.jdbc.SemaphoreRows.Place;
import dev.holdfast.lock.jdbc.SemaphoreRows.Row;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome.Rejected;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of {@link SemaphoreStore} (those of the in-memory store), decided on what the tables hold for a key while
 * its row is locked: what an acquire is answered, and what it changes.
 */
final class PermitRules {

    private PermitRules() {}

    /** What an acquire does. */
    sealed interface Decision {

        /** Grant, displacing these live grants first. */
        record Grant(List<SemaphoreRows.Grant> displaced) implements Decision {}

        /** Refuse; take or keep the asker's place in the queue when {@code enqueue}. */
        record Refuse(boolean enqueue) implements Decision {}

        /** Reject: the command can never be granted as asked. */
        record Reject(Rejected rejected) implements Decision {}
    }

    static Decision decide(PermitCommand command, Row row, Members members) {
        return (command.kind() == SemaphoreKind.SEMAPHORE)
                ? permits(command, row, members)
                : readWrite(command, row, members);
    }

    private static Decision permits(PermitCommand command, Row row, Members members) {
        LockKey key = command.key();
        if (command.permits() > row.size()) {
            return new Decision.Reject(new Rejected(
                    Rejected.Cause.TOO_MANY_PERMITS,
                    "Semaphore [" + key + "] has " + row.size() + " permits, fewer than the " + command.permits()
                            + " asked for",
                    state(key, row, members, 0)));
        }
        boolean claim = command.mode() == AcquireMode.CLAIM;
        List<Place> queue = members.queue();
        if (!claim && row.fair() && !queue.isEmpty() && !queue.get(0).owner().equals(command.owner())) {
            return new Decision.Refuse(true);
        }
        List<Grant> live = members.live();
        int free = row.size() - live.stream().mapToInt(Grant::permits).sum();
        List<Grant> displaced = new ArrayList<>();
        if (free < command.permits()) {
            // Displace holders of lower priority (any holder for a claim), the lowest and newest first.
            List<Grant> candidates = live.stream()
                    .filter((grant) -> claim || grant.priority() < command.priority())
                    .sorted(Comparator.comparingInt(Grant::priority)
                            .thenComparing(Grant::token, Comparator.reverseOrder()))
                    .toList();
            for (int i = 0; i < candidates.size() && free < command.permits(); i++) {
                displaced.add(candidates.get(i));
                free += candidates.get(i).permits();
            }
            if (free < command.permits()) {
                return new Decision.Refuse(row.fair());
            }
        }
        return new Decision.Grant(displaced);
    }

    private static Decision readWrite(PermitCommand command, Row row, Members members) {
        boolean claim = command.mode() == AcquireMode.CLAIM;
        String owner = command.owner();
        List<Grant> live = members.live();
        List<Place> queue = members.queue();
        boolean othersHold = live.stream().anyMatch((grant) -> !grant.owner().equals(owner));
        if (command.exclusive()) {
            boolean holdsOwn = live.stream().anyMatch((grant) -> grant.owner().equals(owner));
            if (!claim && othersHold && holdsOwn) {
                return new Decision.Reject(new Rejected(
                        Rejected.Cause.UPGRADE,
                        "Read/write lock [" + command.key() + "]: '" + owner + "' holds a read lock and cannot take"
                                + " the write lock while other readers hold it (release the read lock first)",
                        state(command.key(), row, members, 0)));
            }
            boolean ahead = !queue.isEmpty() && !queue.get(0).owner().equals(owner);
            if (!claim && (othersHold || ahead)) {
                return new Decision.Refuse(true);
            }
        } else {
            boolean otherWrites = live.stream()
                    .anyMatch((grant) -> grant.exclusive() && !grant.owner().equals(owner));
            boolean writerQueued =
                    queue.stream().anyMatch((place) -> !place.owner().equals(owner));
            boolean ownsWrite = live.stream()
                    .anyMatch((grant) -> grant.exclusive() && grant.owner().equals(owner));
            if (!claim && !ownsWrite && (otherWrites || writerQueued)) {
                return new Decision.Refuse(false);
            }
        }
        List<Grant> displaced = claim
                ? live.stream()
                        .filter((grant) -> (command.exclusive() || grant.exclusive())
                                && !grant.owner().equals(owner))
                        .toList()
                : List.of();
        return new Decision.Grant(displaced);
    }

    /** The state of a key's semaphore or read/write lock: live holders, oldest first, and live places. */
    static SemaphoreState state(LockKey key, Row row, Members members, int newPlaces) {
        return new SemaphoreState(
                key,
                row.kind(),
                row.size(),
                row.fair(),
                members.live().stream().map(Grant::holder).toList(),
                members.queue().size() + newPlaces);
    }

    /** Say why a key cannot be of the kind wanted: a plain lock holds it, or it is of the other kind. */
    static String keyInUse(LockKey key, SemaphoreKind wanted, boolean plainLock) {
        return plainLock
                ? "Key [" + key + "] is held as a plain lock, so it cannot be a " + describe(wanted)
                : "Key [" + key + "] is a "
                        + describe(
                                (wanted == SemaphoreKind.SEMAPHORE)
                                        ? SemaphoreKind.READ_WRITE
                                        : SemaphoreKind.SEMAPHORE)
                        + ", so it cannot be a " + describe(wanted);
    }

    private static String describe(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? "semaphore" : "read/write lock";
    }
}

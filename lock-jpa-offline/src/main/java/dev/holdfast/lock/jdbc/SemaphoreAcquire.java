package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.jdbc.PermitRules.Decision;
import dev.holdfast.lock.jdbc.SemaphoreRows.Grant;
import dev.holdfast.lock.jdbc.SemaphoreRows.Members;
import dev.holdfast.lock.jdbc.SemaphoreRows.Place;
import dev.holdfast.lock.jdbc.SemaphoreRows.Row;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitOutcome.Rejected;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Create a semaphore, or acquire permits, in one short transaction that first locks the key's
 * {@code holdfast_semaphore} row ({@code lock}, inserting it when a create or a read/write lock's first grant needs
 * it), then reads the key's grants and places ({@code members}), decides by {@link PermitRules} and writes the
 * outcome: a grant is the displaced and expired grants deleted (one JDBC batch, in token order), the new grant
 * inserted with the next token ({@code insert-grant}) and the grantee's place dropped; a refusal of a fair waiter
 * takes or renews its place. Racing requests of one key queue on the row lock, so each decides on what the one before
 * it committed; the row lock is always taken before any grant row, as every statement that touches both does. A read/write
 * lock's row stays when its last grant goes (as a free lock row does), so a key in use keeps its row; the sweep deletes
 * it ({@link JdbcSemaphores#deleteIdle}).
 */
final class SemaphoreAcquire {

    private static final int MAX_RACES = 4;

    private final SqlStatements sql;

    private final DatabaseFailures failures;

    private final boolean notifying;

    SemaphoreAcquire(SqlStatements sql, DatabaseFailures failures, boolean notifying) {
        this.sql = sql;
        this.failures = failures;
        this.notifying = notifying;
    }

    /** Create a semaphore unless the key has one; {@code true} when created. */
    boolean create(Connection connection, LockKey key, int size, boolean fair) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Opened opened =
                    JdbcCalls.inTransaction(connection, (tx) -> open(tx, key, SemaphoreKind.SEMAPHORE, size, fair));
            if (opened != null) {
                if (opened.reason() != null) {
                    throw new IllegalArgumentException(opened.reason());
                }
                return opened.created();
            }
            checkRaces(key, attempt);
        }
    }

    /** Try once to take permits; {@code othersWait} keeps the key flagged on a grant (PostgreSQL). */
    PermitOutcome acquire(Connection connection, PermitCommand command, boolean othersWait) throws SQLException {
        boolean readWrite = command.kind() == SemaphoreKind.READ_WRITE;
        int size = readWrite ? Integer.MAX_VALUE : command.createSize();
        boolean fair = readWrite || command.fair();
        for (int attempt = 1; ; attempt++) {
            PermitOutcome outcome = JdbcCalls.inTransaction(connection, (tx) -> {
                Opened opened = open(tx, command.key(), command.kind(), size, fair);
                return (opened != null) ? decide(tx, command, opened, othersWait) : null;
            });
            if (outcome != null) {
                return outcome;
            }
            checkRaces(command.key(), attempt);
        }
    }

    private PermitOutcome decide(Connection tx, PermitCommand command, Opened opened, boolean othersWait)
            throws SQLException {
        if (opened.reason() != null) {
            return new Rejected(Rejected.Cause.KEY_IN_USE, opened.reason(), null);
        }
        Row row = opened.row();
        if (row == null) {
            return new PermitOutcome.Missing();
        }
        Decision decision = PermitRules.decide(command, row, opened.members());
        if (decision instanceof Decision.Reject reject) {
            return reject.rejected();
        }
        if (decision instanceof Decision.Refuse refuse) {
            return refuse(tx, command, row, opened.members(), refuse.enqueue());
        }
        return grant(tx, command, row, opened.members(), ((Decision.Grant) decision).displaced(), othersWait);
    }

    private PermitOutcome grant(
            Connection tx, PermitCommand command, Row row, Members members, List<Grant> displaced, boolean othersWait)
            throws SQLException {
        LockKey key = command.key();
        List<Long> gone = Stream.concat(
                        displaced.stream(), members.grants().stream().filter((grant) -> !grant.live()))
                .map(Grant::token)
                .distinct()
                .sorted()
                .toList();
        if (!gone.isEmpty()) {
            try (PreparedStatement statement = tx.prepareStatement(this.sql.get("delete-grant"))) {
                for (long token : gone) {
                    JdbcCalls.bind(statement, key.namespace(), key.id(), token);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        long token;
        try (PreparedStatement statement = JdbcCalls.prepare(
                        tx,
                        this.sql.get("insert-grant"),
                        key.namespace(),
                        key.id(),
                        command.owner(),
                        command.priority(),
                        (row.kind() == SemaphoreKind.SEMAPHORE) ? command.permits() : 1,
                        command.exclusive(),
                        LockStore.leaseMillis(command.lease()));
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            token = rs.getLong(1);
        }
        if (members.places().stream().anyMatch((place) -> place.owner().equals(command.owner()) || !place.live())) {
            JdbcCalls.update(tx, this.sql.get("dequeue"), key.namespace(), key.id(), command.owner());
        }
        if (this.notifying && othersWait && !row.waiting()) {
            JdbcCalls.update(tx, this.sql.get("flag"), key.namespace(), key.id());
        }
        return new PermitOutcome.Granted(
                token, displaced.stream().map(Grant::holder).toList());
    }

    private PermitOutcome refuse(Connection tx, PermitCommand command, Row row, Members members, boolean enqueue)
            throws SQLException {
        LockKey key = command.key();
        int newPlaces = 0;
        if (enqueue) {
            Place own = members.placeOf(command.owner());
            boolean keeps = own != null && own.live();
            JdbcCalls.update(
                    tx,
                    this.sql.get("enqueue"),
                    key.namespace(),
                    key.id(),
                    command.owner(),
                    keeps ? own.place() : members.lastPlace() + 1,
                    SemaphoreStore.QUEUE_CLAIM.toMillis());
            newPlaces = keeps ? 0 : 1;
        }
        if (this.notifying && !row.waiting()) {
            JdbcCalls.update(tx, this.sql.get("flag"), key.namespace(), key.id());
        }
        return new PermitOutcome.Refused(PermitRules.state(key, row, members, newPlaces));
    }

    /**
     * Lock the key's row of a kind and read its members, inserting the row when missing and {@code size} is positive,
     * or taking over a read/write lock's leftover row (nobody holds or waits) for a semaphore.
     *
     * @return what was found, or {@code null} when a racing transaction created the row first (try again, in a new
     *     transaction: MariaDB keeps a shared lock on the row after the duplicate key error)
     */
    private @Nullable Opened open(Connection tx, LockKey key, SemaphoreKind kind, int size, boolean fair)
            throws SQLException {
        Row row = SemaphoreRows.lock(tx, this.sql.get("lock"), key);
        if (row == null) {
            if (size > 0 && insert(tx, key, kind, size, fair)) {
                return new Opened(new Row(kind, size, fair, false, false), Members.NONE, true, null);
            }
            if (lockHeld(tx, key)) {
                return new Opened(null, Members.NONE, false, PermitRules.keyInUse(key, kind, true));
            }
            return (size > 0) ? null : new Opened(null, Members.NONE, false, null);
        }
        if (row.lockHeld()) {
            return new Opened(null, Members.NONE, false, PermitRules.keyInUse(key, kind, true));
        }
        Members members = SemaphoreRows.members(tx, this.sql.get("members"), key);
        if (row.kind() == kind) {
            return new Opened(row, members, false, null);
        }
        if (kind == SemaphoreKind.SEMAPHORE && !members.anyLive()) {
            // A read/write lock nobody holds or waits for does not exist: its row is a leftover for the sweep.
            if (size == 0) {
                return new Opened(null, Members.NONE, false, null);
            }
            deleteMembers(tx, key, members);
            JdbcCalls.update(tx, this.sql.get("retype"), kind.name(), size, fair, key.namespace(), key.id());
            return new Opened(new Row(kind, size, fair, false, false), Members.NONE, true, null);
        }
        return new Opened(null, Members.NONE, false, PermitRules.keyInUse(key, kind, false));
    }

    /** Delete the grants and places read, if any: all of the key's, while its row is locked. */
    void deleteMembers(Connection tx, LockKey key, Members members) throws SQLException {
        if (!members.grants().isEmpty()) {
            JdbcCalls.update(tx, this.sql.get("delete-grants-of"), key.namespace(), key.id());
        }
        if (!members.places().isEmpty()) {
            JdbcCalls.update(tx, this.sql.get("delete-places-of"), key.namespace(), key.id());
        }
    }

    private boolean insert(Connection tx, LockKey key, SemaphoreKind kind, int size, boolean fair) throws SQLException {
        try {
            return JdbcCalls.update(
                            tx,
                            this.sql.get("insert"),
                            key.namespace(),
                            key.id(),
                            kind.name(),
                            size,
                            fair,
                            key.namespace(),
                            key.id())
                    > 0;
        } catch (SQLException ex) {
            if (!this.failures.isDuplicateKey(ex)) {
                throw ex;
            }
            // MariaDB and H2: a racing transaction inserted the row first (PostgreSQL's statement does nothing then).
            return false;
        }
    }

    private boolean lockHeld(Connection tx, LockKey key) throws SQLException {
        try (PreparedStatement statement = JdbcCalls.prepare(tx, this.sql.get("lock-held"), key.namespace(), key.id());
                ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static void checkRaces(LockKey key, int attempt) {
        if (attempt >= MAX_RACES) {
            throw new LockStoreException(
                    "Semaphore [" + key + "] lost " + attempt + " races to create or delete its row in the database");
        }
    }

    /**
     * A key's row opened for a kind: the row with its members, or none (missing), or why the key cannot be that kind.
     */
    private record Opened(
            @Nullable Row row,
            Members members,
            boolean created,
            @Nullable String reason) {}
}

package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One attempt at an offline lock request, inside the caller's READ COMMITTED transaction: for each key, in (namespace,
 * id) order, make sure its row exists ({@code INSERT … ON CONFLICT DO NOTHING} or the platform's equivalent), lock it
 * ({@code SELECT … FOR UPDATE}, which also reads whether it is stale by the database clock), then grant (one hold, a
 * new token), renew (adding a hold unless {@link OfflineLockMode#TAKE_OR_RENEW}) or answer not acquired. Racing
 * acquirers queue on the row lock, so the second sees the first's grant and is answered cleanly.
 */
final class OfflineAcquisition {

    private final SqlStatements sql;

    private final JdbcTemplate jdbc;

    private final OfflineLockRows rows;

    private final Duration defaultIdleTimeout;

    OfflineAcquisition(SqlStatements sql, JdbcTemplate jdbc, OfflineLockRows rows, Duration defaultIdleTimeout) {
        this.sql = sql;
        this.jdbc = jdbc;
        this.rows = rows;
        this.defaultIdleTimeout = defaultIdleTimeout;
    }

    /** Acquire every key or stop at the first one held by another; the caller rolls a stop back. */
    Attempt acquireAll(OfflineLockRequest request) {
        List<OfflineLock> locks = new ArrayList<>();
        List<LockKey> holdsAdded = new ArrayList<>();
        List<OfflineLock> expired = new ArrayList<>();
        for (LockKey key : request.keys()) {
            ensureRow(key);
            OfflineLockRows.Row row = this.jdbc.queryForObject(
                    this.sql.get("select-for-update"), this.rows.lockedRow(), key.namespace(), key.id());
            if (row.owner() != null && !row.stale()) {
                boolean own = row.owner().equals(request.owner());
                if (!own || !reenters(request.mode())) {
                    return new Attempt(
                            new OfflineLockResult.NotAcquired(key, request.owner(), row.toLock(key)), List.of());
                }
                boolean addHold = request.mode() != OfflineLockMode.TAKE_OR_RENEW;
                renew(key, request, addHold);
                if (addHold) {
                    holdsAdded.add(key);
                }
            } else {
                if (row.owner() != null) {
                    expired.add(row.toLock(key));
                }
                grant(key, request);
                holdsAdded.add(key);
            }
            locks.add(this.jdbc.queryForObject(this.sql.get("find-live"), this.rows.lock(), key.namespace(), key.id()));
        }
        return new Attempt(new OfflineLockResult.Acquired(locks, holdsAdded), expired);
    }

    private static boolean reenters(OfflineLockMode mode) {
        return mode == OfflineLockMode.REENTRANT || mode == OfflineLockMode.TAKE_OR_RENEW;
    }

    private void ensureRow(LockKey key) {
        try {
            this.jdbc.update(this.sql.get("insert-if-absent"), key.namespace(), key.id());
        } catch (DuplicateKeyException ex) {
            // H2 only: a racing transaction inserted the row first; the row lock below orders us after it
        }
    }

    private void grant(LockKey key, OfflineLockRequest request) {
        if (request.neverExpires()) {
            this.jdbc.update(
                    this.sql.get("grant-forever"), request.owner(), request.reason(), key.namespace(), key.id());
        } else {
            this.jdbc.update(
                    this.sql.get("grant"),
                    request.owner(),
                    request.reason(),
                    idleMillis(request),
                    key.namespace(),
                    key.id());
        }
    }

    private void renew(LockKey key, OfflineLockRequest request, boolean addHold) {
        int added = addHold ? 1 : 0;
        if (request.neverExpires()) {
            this.jdbc.update(this.sql.get("renew-forever"), request.reason(), added, key.namespace(), key.id());
        } else {
            long idle = idleMillis(request);
            this.jdbc.update(this.sql.get("renew"), request.reason(), idle, idle, added, key.namespace(), key.id());
        }
    }

    private long idleMillis(OfflineLockRequest request) {
        Duration idle = (request.idleTimeout() != null) ? request.idleTimeout() : this.defaultIdleTimeout;
        return Math.max(1, idle.toMillis());
    }

    /** One attempt's result and the stale locks it took over, to report after commit. */
    record Attempt(OfflineLockResult result, List<OfflineLock> expired) {}
}

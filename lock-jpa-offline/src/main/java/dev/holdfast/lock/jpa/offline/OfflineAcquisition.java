package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.jdbc.internal.SqlStatements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One attempt at an offline lock request, inside the caller's READ COMMITTED transaction: for each target, in (type,
 * id) order, make sure its row exists ({@code INSERT … ON CONFLICT DO NOTHING} or the platform's equivalent), lock it
 * ({@code SELECT … FOR UPDATE}, which also reads whether it is stale by the database clock), then grant (one hold, a
 * new token), renew (adding a hold unless {@link OfflineLockMode#TAKE_OR_RENEW}) or refuse. Racing acquirers queue on
 * the row lock, so the second sees the first's grant and is refused cleanly.
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

    /** Acquire every target or refuse at the first one held by another; the caller rolls a refusal back. */
    Attempt acquireAll(OfflineLockRequest request) {
        List<OfflineLock> locks = new ArrayList<>();
        List<LockTarget> holdsAdded = new ArrayList<>();
        List<OfflineLock> expired = new ArrayList<>();
        for (LockTarget target : request.targets()) {
            ensureRow(target);
            OfflineLockRows.Row row = this.jdbc.queryForObject(
                    this.sql.get("select-for-update"), this.rows.lockedRow(), target.type(), target.id());
            if (row.holder() != null && !row.stale()) {
                boolean own = row.holder().equals(request.holder());
                if (!own || !reenters(request.mode())) {
                    return new Attempt(
                            new OfflineLockResult.Refused(
                                    target, row.holder(), row.reason(), row.since(), row.expiresAt(), own),
                            List.of());
                }
                boolean addHold = request.mode() != OfflineLockMode.TAKE_OR_RENEW;
                renew(target, request, addHold);
                if (addHold) {
                    holdsAdded.add(target);
                }
            } else {
                if (row.holder() != null) {
                    expired.add(row.toLock(target));
                }
                grant(target, request);
                holdsAdded.add(target);
            }
            locks.add(
                    this.jdbc.queryForObject(this.sql.get("find-live"), this.rows.lock(), target.type(), target.id()));
        }
        return new Attempt(new OfflineLockResult.Acquired(locks, holdsAdded), expired);
    }

    private static boolean reenters(OfflineLockMode mode) {
        return mode == OfflineLockMode.REENTRANT || mode == OfflineLockMode.TAKE_OR_RENEW;
    }

    private void ensureRow(LockTarget target) {
        try {
            this.jdbc.update(this.sql.get("insert-if-absent"), target.type(), target.id());
        } catch (DuplicateKeyException ex) {
            // H2 only: a racing transaction inserted the row first; the row lock below orders us after it
        }
    }

    private void grant(LockTarget target, OfflineLockRequest request) {
        if (request.neverExpires()) {
            this.jdbc.update(
                    this.sql.get("grant-forever"), request.holder(), request.reason(), target.type(), target.id());
        } else {
            this.jdbc.update(
                    this.sql.get("grant"),
                    request.holder(),
                    request.reason(),
                    idleMillis(request),
                    target.type(),
                    target.id());
        }
    }

    private void renew(LockTarget target, OfflineLockRequest request, boolean addHold) {
        int added = addHold ? 1 : 0;
        if (request.neverExpires()) {
            this.jdbc.update(this.sql.get("renew-forever"), request.reason(), added, target.type(), target.id());
        } else {
            long idle = idleMillis(request);
            this.jdbc.update(this.sql.get("renew"), request.reason(), idle, idle, added, target.type(), target.id());
        }
    }

    private long idleMillis(OfflineLockRequest request) {
        Duration idle = (request.idleTimeout() != null) ? request.idleTimeout() : this.defaultIdleTimeout;
        return Math.max(1, idle.toMillis());
    }

    /** One attempt's result and the stale locks it took over, to report after commit. */
    record Attempt(OfflineLockResult result, List<OfflineLock> expired) {}
}

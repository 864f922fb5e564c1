-- Database lock store statements for PostgreSQL; loaded once by JdbcLockStore.
-- Each "-- name:" line starts a statement. Every statement runs alone in autocommit (one round trip, its own
-- transaction) and decides expiry with CURRENT_TIMESTAMP, the database clock (the statement's start in autocommit).
-- Statements that change nothing a later reader depends on for safety (release, expire, a refused acquire) commit
-- asynchronously (set_config('synchronous_commit', 'off', true), local to their transaction): a crash can undo only
-- such a release, which then leaves the lock held until its lease runs out - what a holder's crash does anyway - and
-- any later synchronous commit (every grant and renewal) flushes it first.
-- Waking waiters: a refused acquire sets the row's waiting flag; a release or expire that frees a flagged lock clears
-- it and sends pg_notify('holdfast_lock', payload) in the same statement, payload = length(namespace) ':' namespace id
-- (delivered when it commits). JdbcLockStore listens on one connection while someone waits. Nobody waiting, no NOTIFY:
-- the uncontended path pays nothing for it.
-- Tokens come from the sequence holdfast_lock_token (GREATEST with the row's token + 1 for rows from before it), so they
-- grow across keys, release, expiry, restart and failover; free and expired rows are deleted after a retention
-- (delete-free), so nothing of a lock stays in the table for long.

-- name: check-table
-- Also fails on a table from before the waiting column or without the token sequence, which the schema script adds.
SELECT COUNT(waiting) FROM holdfast_lock, holdfast_lock_token WHERE 1 = 0

-- name: align-token-sequence
-- Tables from before the token sequence numbered tokens per key: start the sequence above every token in the table
-- (a no-op once it is, which is always after the first start).
SELECT setval('holdfast_lock_token', x.top) FROM (SELECT MAX(token) AS top FROM holdfast_lock) x, holdfast_lock_token s
WHERE x.top > s.last_value

-- name: delete-free
-- Bounded state: rows free, or expired, for longer than the retention go. Parameters: retention in ms (twice), the
-- most rows to delete. Rows a concurrent acquire has locked are skipped, never waited for.
DELETE FROM holdfast_lock WHERE ctid IN (
    SELECT ctid FROM holdfast_lock
    WHERE (owner IS NULL AND updated_at < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond')
       OR (owner IS NOT NULL AND expires_at < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond')
    LIMIT ? FOR UPDATE SKIP LOCKED)

-- name: acquire
-- Lock and create requests that displace nobody: the usual case, and cheaper to run than acquire-displacing.
-- Parameters: namespace, id, owner, priority, lease in ms, others wait (this client has more waiters for the key: a
-- grant keeps the row flagged, so its release wakes the next), mode (LOCK or CREATE), namespace, id.
-- ins creates the row, or takes a free or expired lock (new token, one hold), or in LOCK mode re-enters the owner's
-- live lock (same token, one more hold, lease extended, never shortened). Refused, it has still locked the row, so cur, run only then,
-- reads the holder's latest committed version (FOR UPDATE follows a concurrent update past the statement's snapshot),
-- and flag marks the row as waited for unless it already is (a second refusal writes nothing).
-- One result row: granted_token/granted_holds when granted, else the holder (cur_*); no row when a racing
-- transaction created the row after this statement's snapshot (ask again).
WITH ins AS (
    INSERT INTO holdfast_lock AS l (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at,
                                    waiting)
    VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INTEGER), 1,
            nextval('holdfast_lock_token'),
            CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
            CAST(? AS BOOLEAN))
    ON CONFLICT (lock_namespace, lock_id) DO UPDATE SET
        owner = EXCLUDED.owner,
        priority = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP
            THEN l.priority ELSE EXCLUDED.priority END,
        holds = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP THEN l.holds + 1 ELSE 1 END,
        token = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP
            THEN l.token ELSE GREATEST(EXCLUDED.token, l.token + 1) END,
        expires_at = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP
            THEN GREATEST(l.expires_at, EXCLUDED.expires_at) ELSE EXCLUDED.expires_at END,
        created_at = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP
            THEN l.created_at ELSE EXCLUDED.created_at END,
        updated_at = EXCLUDED.updated_at,
        waiting = l.waiting OR EXCLUDED.waiting
    WHERE l.owner IS NULL OR l.expires_at <= CURRENT_TIMESTAMP
        OR (CAST(? AS VARCHAR) = 'LOCK' AND l.owner = EXCLUDED.owner)
    RETURNING token, holds
), cur AS (
    SELECT lock_namespace, lock_id, owner, priority, holds, token, waiting,
           CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
    FROM holdfast_lock
    WHERE lock_namespace = CAST(? AS VARCHAR) AND lock_id = CAST(? AS VARCHAR) AND NOT EXISTS (SELECT 1 FROM ins)
    FOR UPDATE
), flag AS (
    UPDATE holdfast_lock l SET waiting = TRUE
    FROM cur
    WHERE l.lock_namespace = cur.lock_namespace AND l.lock_id = cur.lock_id AND NOT cur.waiting
    RETURNING l.waiting
)
SELECT token AS granted_token, holds AS granted_holds, NULL AS cur_owner, NULL AS cur_priority, NULL AS cur_holds,
       NULL AS cur_token, NULL AS cur_remaining_ms, NULL AS refused_commit
FROM ins
UNION ALL
SELECT NULL, NULL, owner, priority, holds, token, remaining_ms, set_config('synchronous_commit', 'off', true)
FROM cur

-- name: acquire-displacing
-- Every mode, including preemption and claim, which must report the holder they displace. Parameters: namespace,
-- id, owner, priority, lease in ms, mode (LOCK, CREATE or CLAIM), others wait (as for acquire). cur locks the key's row, if any, and reads its
-- latest committed version; upd grants on it; ins creates the row when there was none. One result row:
-- granted_token/granted_holds when granted; the previous state (cur_*) for the refusal's holder or the displaced
-- holder; all NULL when a racing transaction created the row first (ask again). Refused, flag marks the row as
-- waited for.
WITH p AS (
    SELECT CAST(? AS VARCHAR) AS ns, CAST(? AS VARCHAR) AS id, CAST(? AS VARCHAR) AS owner,
           CAST(? AS INTEGER) AS priority, CAST(? AS BIGINT) AS lease_ms, CAST(? AS VARCHAR) AS mode,
           CAST(? AS BOOLEAN) AS others
), cur AS (
    SELECT l.owner, l.priority, l.holds, l.token, l.expires_at, l.waiting,
           (l.owner IS NOT NULL AND l.expires_at > CURRENT_TIMESTAMP) AS live
    FROM holdfast_lock l JOIN p ON l.lock_namespace = p.ns AND l.lock_id = p.id
    FOR UPDATE OF l
), d AS (
    SELECT cur.*, (p.mode = 'LOCK' AND cur.live AND cur.owner = p.owner) AS reenter,
           (NOT cur.live OR p.mode = 'CLAIM'
               OR (p.mode = 'LOCK' AND (cur.owner = p.owner OR p.priority > cur.priority))) AS grantable
    FROM cur CROSS JOIN p
), upd AS (
    UPDATE holdfast_lock l SET
        owner = p.owner,
        priority = CASE WHEN d.reenter THEN d.priority ELSE p.priority END,
        holds = CASE WHEN d.reenter THEN d.holds + 1 ELSE 1 END,
        token = CASE WHEN d.reenter THEN d.token ELSE GREATEST(nextval('holdfast_lock_token'), d.token + 1) END,
        expires_at = CASE WHEN d.reenter
            THEN GREATEST(d.expires_at, CURRENT_TIMESTAMP + p.lease_ms * INTERVAL '1 millisecond')
            ELSE CURRENT_TIMESTAMP + p.lease_ms * INTERVAL '1 millisecond' END,
        created_at = CASE WHEN d.reenter THEN l.created_at ELSE CURRENT_TIMESTAMP END,
        updated_at = CURRENT_TIMESTAMP,
        waiting = d.waiting OR p.others
    FROM d CROSS JOIN p
    WHERE l.lock_namespace = p.ns AND l.lock_id = p.id AND d.grantable
    RETURNING l.token, l.holds
), ins AS (
    INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at,
                               waiting)
    SELECT p.ns, p.id, p.owner, p.priority, 1, nextval('holdfast_lock_token'),
           CURRENT_TIMESTAMP + p.lease_ms * INTERVAL '1 millisecond',
           CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, p.others
    FROM p WHERE NOT EXISTS (SELECT 1 FROM cur)
    ON CONFLICT (lock_namespace, lock_id) DO NOTHING
    RETURNING token, holds
), flag AS (
    UPDATE holdfast_lock l SET waiting = TRUE
    FROM d CROSS JOIN p
    WHERE l.lock_namespace = p.ns AND l.lock_id = p.id AND NOT d.grantable AND NOT d.waiting
    RETURNING l.waiting
)
SELECT COALESCE(upd.token, ins.token) AS granted_token, COALESCE(upd.holds, ins.holds) AS granted_holds,
       cur.owner AS cur_owner, cur.priority AS cur_priority, cur.holds AS cur_holds, cur.token AS cur_token,
       cur.live AS cur_live,
       CAST(FLOOR(EXTRACT(EPOCH FROM (cur.expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS cur_remaining_ms,
       CASE WHEN upd.token IS NULL AND ins.token IS NULL
           THEN set_config('synchronous_commit', 'off', true) END AS refused_commit
FROM p LEFT JOIN cur ON TRUE LEFT JOIN upd ON TRUE LEFT JOIN ins ON TRUE

-- name: release
-- Parameters: namespace, id, owner, token, token (0 checks the owner only). Returns the holds left: 0 = released.
-- Freeing a lock that a refused request flagged clears the flag and notifies (CASE evaluates pg_notify only then).
WITH async AS (SELECT set_config('synchronous_commit', 'off', true) AS commit_mode)
UPDATE holdfast_lock SET
    holds = holds - 1,
    owner = CASE WHEN holds > 1 THEN owner END,
    priority = CASE WHEN holds > 1 THEN priority ELSE 0 END,
    expires_at = CASE WHEN holds > 1 THEN expires_at END,
    waiting = CASE WHEN holds > 1 THEN waiting WHEN waiting THEN CAST(pg_notify('holdfast_lock', CAST(LENGTH(lock_namespace) AS VARCHAR) || ':' || lock_namespace || lock_id) AS TEXT) IS NULL ELSE FALSE END,
    updated_at = CURRENT_TIMESTAMP
FROM async
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP
RETURNING holds

-- name: renew
UPDATE holdfast_lock SET expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond', updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP

-- name: renew-all
-- The watchdog's batch in one statement. Parameters: arrays of namespaces, ids, owners, tokens (0 checks the owner
-- only) and leases in ms, one element per lease. Each lease is renewed only while its owner (and token) hold it live;
-- the rows returned are those renewed, and a lease with no returned row is lost.
UPDATE holdfast_lock l SET expires_at = CURRENT_TIMESTAMP + r.lease_ms * INTERVAL '1 millisecond', updated_at = CURRENT_TIMESTAMP
FROM UNNEST(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))
     AS r (lock_namespace, lock_id, owner, token, lease_ms)
WHERE l.lock_namespace = r.lock_namespace AND l.lock_id = r.lock_id AND l.owner = r.owner
  AND (r.token = 0 OR l.token = r.token) AND l.expires_at > CURRENT_TIMESTAMP
RETURNING l.lock_namespace, l.lock_id, l.owner, l.token

-- name: expire-owner
WITH async AS (SELECT set_config('synchronous_commit', 'off', true) AS commit_mode)
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP,
    waiting = CASE WHEN waiting THEN CAST(pg_notify('holdfast_lock', CAST(LENGTH(lock_namespace) AS VARCHAR) || ':' || lock_namespace || lock_id) AS TEXT) IS NULL ELSE FALSE END
FROM async
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND expires_at > CURRENT_TIMESTAMP

-- name: expire-any
WITH async AS (SELECT set_config('synchronous_commit', 'off', true) AS commit_mode)
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP,
    waiting = CASE WHEN waiting THEN CAST(pg_notify('holdfast_lock', CAST(LENGTH(lock_namespace) AS VARCHAR) || ':' || lock_namespace || lock_id) AS TEXT) IS NULL ELSE FALSE END
FROM async
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP

-- name: inspect
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP

-- name: list
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP ORDER BY lock_namespace, lock_id LIMIT ?

-- name: list-namespace
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP ORDER BY lock_id LIMIT ?

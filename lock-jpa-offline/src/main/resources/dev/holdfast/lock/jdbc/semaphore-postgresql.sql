-- Semaphore and read/write lock statements for PostgreSQL; loaded once by JdbcLockStore (JdbcSemaphores).
-- Each "-- name:" line starts a statement. Tables: holdfast_semaphore (one row per key: kind, size, fairness, the
-- waiting flag), holdfast_semaphore_grant (one row per grant, leased) and holdfast_semaphore_queue (the places of fair
-- waiters). Expiry is decided by CURRENT_TIMESTAMP, the database clock (in a transaction, its start: a grant made after
-- waiting for the key's row lock is leased from before the wait, never longer than asked).
-- An acquire, a create, a resize and a delete are each one short READ COMMITTED transaction that first
-- locks the key's holdfast_semaphore row (lock), so that racing requests of one key take turns; the statements after
-- it see everything committed before they start. A release and a renewal are one statement each.
-- Waking waiters: a refused request sets the row's waiting flag (flag); the release, resize or delete that may let it
-- in clears it and sends pg_notify('holdfast_lock', 's' || length(namespace) || ':' || namespace || id) - the plain
-- lock payload behind an 's', so that the listener wakes every waiter of the semaphore (several may fit) rather than
-- one. Tokens come from the sequence holdfast_lock_token, taken while the row is locked, so they grow per semaphore.

-- name: check-holdfast_semaphore
-- The check-* statements fail when their table, or one of its columns, is missing (the schema script creates them).
SELECT lock_namespace, lock_id, kind, size, fair, waiting, created_at, updated_at FROM holdfast_semaphore WHERE 1 = 0

-- name: check-holdfast_semaphore_grant
SELECT lock_namespace, lock_id, token, owner, priority, permits, exclusive, expires_at, created_at
FROM holdfast_semaphore_grant WHERE 1 = 0

-- name: check-holdfast_semaphore_queue
SELECT lock_namespace, lock_id, owner, place, claim_expires_at FROM holdfast_semaphore_queue WHERE 1 = 0

-- name: lock
-- Parameters: namespace, id. Locks the key's row; lock_held tells whether a live plain lock holds the key too.
SELECT kind, size, fair, waiting,
       EXISTS (SELECT 1 FROM holdfast_lock l WHERE l.lock_namespace = s.lock_namespace AND l.lock_id = s.lock_id
               AND l.owner IS NOT NULL AND l.expires_at > CURRENT_TIMESTAMP) AS lock_held
FROM holdfast_semaphore s WHERE lock_namespace = ? AND lock_id = ? FOR UPDATE

-- name: lock-held
-- Parameters: namespace, id. Whether a live plain lock holds the key.
SELECT COUNT(*) FROM holdfast_lock
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP

-- name: insert
-- Parameters: namespace, id, kind, size, fair, namespace, id. Inserts the key's row unless it exists or a live plain
-- lock holds the key: 1 when inserted.
INSERT INTO holdfast_semaphore (lock_namespace, lock_id, kind, size, fair, waiting, created_at, updated_at)
SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS BOOLEAN), FALSE,
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE NOT EXISTS (SELECT 1 FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL
                  AND expires_at > CURRENT_TIMESTAMP)
ON CONFLICT (lock_namespace, lock_id) DO NOTHING

-- name: retype
-- Parameters: kind, size, fair, namespace, id. Turns a read/write lock's leftover row (nobody holds or waits) into a
-- semaphore's.
UPDATE holdfast_semaphore SET kind = ?, size = ?, fair = ?, waiting = FALSE, created_at = CURRENT_TIMESTAMP,
    updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: members
-- Parameters: namespace, id, namespace, id. The key's grants (member G, by token) and queue places (member Q, by
-- place, whose number is in token), live or not.
SELECT 'G' AS member, owner, priority, token, permits, exclusive,
       expires_at > CURRENT_TIMESTAMP AS live,
       CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ?
UNION ALL
SELECT 'Q', owner, 0, place, 0, FALSE, claim_expires_at > CURRENT_TIMESTAMP, 0
FROM holdfast_semaphore_queue WHERE lock_namespace = ? AND lock_id = ?
ORDER BY 1, 4

-- name: insert-grant
-- Parameters: namespace, id, owner, priority, permits, exclusive, lease in ms. Returns the grant's token.
INSERT INTO holdfast_semaphore_grant (lock_namespace, lock_id, token, owner, priority, permits, exclusive, expires_at,
                                      created_at)
VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), nextval('holdfast_lock_token'), CAST(? AS VARCHAR), CAST(? AS INTEGER),
        CAST(? AS INTEGER), CAST(? AS BOOLEAN), CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond',
        CURRENT_TIMESTAMP)
RETURNING token

-- name: delete-grant
-- Parameters: namespace, id, token. Sent as one JDBC batch, in token order, for the grants a grant displaces or finds
-- expired.
DELETE FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ? AND token = ?

-- name: enqueue
-- Parameters: namespace, id, owner, place, claim in ms. Takes or keeps a waiter's place and renews its claim.
INSERT INTO holdfast_semaphore_queue AS q (lock_namespace, lock_id, owner, place, claim_expires_at)
VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT),
        CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond')
ON CONFLICT (lock_namespace, lock_id, owner) DO UPDATE SET place = EXCLUDED.place,
    claim_expires_at = EXCLUDED.claim_expires_at

-- name: dequeue
-- Parameters: namespace, id, owner. Drops the place of a waiter just granted, and every place whose claim ran out.
DELETE FROM holdfast_semaphore_queue
WHERE lock_namespace = ? AND lock_id = ? AND (owner = ? OR claim_expires_at <= CURRENT_TIMESTAMP)

-- name: flag
-- Parameters: namespace, id. Marks the key as waited for, so that what may let a waiter in notifies.
UPDATE holdfast_semaphore SET waiting = TRUE WHERE lock_namespace = ? AND lock_id = ? AND NOT waiting

-- name: release
-- A grant back, in one statement. Parameters: namespace, id, owner, token. s locks the key's row before the grant's is
-- touched (the order every acquire takes, so the two never deadlock) and reads its latest waiting flag; d deletes the
-- grant if the owner and token still hold it live; n notifies when someone waits. Returns 1 when released. A read/write
-- lock's row stays when its last grant goes, free, until the sweep deletes it (as holdfast_lock's free rows).
WITH s AS (
    SELECT lock_namespace, lock_id, waiting FROM holdfast_semaphore
    WHERE lock_namespace = CAST(? AS VARCHAR) AND lock_id = CAST(? AS VARCHAR)
    FOR NO KEY UPDATE
), d AS (
    DELETE FROM holdfast_semaphore_grant g USING s
    WHERE g.lock_namespace = s.lock_namespace AND g.lock_id = s.lock_id AND g.owner = CAST(? AS VARCHAR)
      AND g.token = CAST(? AS BIGINT) AND g.expires_at > CURRENT_TIMESTAMP
    RETURNING g.token
), n AS (
    UPDATE holdfast_semaphore t
    SET waiting = CAST(pg_notify('holdfast_lock', 's' || CAST(LENGTH(t.lock_namespace) AS VARCHAR) || ':'
                                                  || t.lock_namespace || t.lock_id) AS TEXT) IS NULL
    FROM s
    WHERE t.lock_namespace = s.lock_namespace AND t.lock_id = s.lock_id AND s.waiting AND EXISTS (SELECT 1 FROM d)
    RETURNING t.waiting
)
SELECT COUNT(*) FROM d

-- name: leave
-- A refused waiter's place dropped when it stops waiting, in one statement. Parameters: namespace, id, owner. s locks
-- the key's row first (as release does) and reads its waiting flag; d deletes the owner's place; n notifies when
-- someone waits, since the place may have kept them out. Returns 1 when a place was dropped.
WITH s AS (
    SELECT lock_namespace, lock_id, waiting FROM holdfast_semaphore
    WHERE lock_namespace = CAST(? AS VARCHAR) AND lock_id = CAST(? AS VARCHAR)
    FOR NO KEY UPDATE
), d AS (
    DELETE FROM holdfast_semaphore_queue q USING s
    WHERE q.lock_namespace = s.lock_namespace AND q.lock_id = s.lock_id AND q.owner = CAST(? AS VARCHAR)
    RETURNING q.owner
), n AS (
    UPDATE holdfast_semaphore t
    SET waiting = CAST(pg_notify('holdfast_lock', 's' || CAST(LENGTH(t.lock_namespace) AS VARCHAR) || ':'
                                                  || t.lock_namespace || t.lock_id) AS TEXT) IS NULL
    FROM s
    WHERE t.lock_namespace = s.lock_namespace AND t.lock_id = s.lock_id AND s.waiting AND EXISTS (SELECT 1 FROM d)
    RETURNING t.waiting
)
SELECT COUNT(*) FROM d

-- name: resize
-- Parameters: size, namespace, id. Notifies the semaphore's waiters, if any: a larger size may let them in.
UPDATE holdfast_semaphore SET size = ?, updated_at = CURRENT_TIMESTAMP,
    waiting = CASE WHEN waiting THEN CAST(pg_notify('holdfast_lock', 's' || CAST(LENGTH(lock_namespace) AS VARCHAR)
                                                    || ':' || lock_namespace || lock_id) AS TEXT) IS NULL
                   ELSE FALSE END
WHERE lock_namespace = ? AND lock_id = ? AND kind = 'SEMAPHORE'

-- name: delete-grants-of
DELETE FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ?

-- name: delete-places-of
DELETE FROM holdfast_semaphore_queue WHERE lock_namespace = ? AND lock_id = ?

-- name: delete-row
-- Parameters: namespace, id. Deletes the key's row (after its grants and places), telling its waiters, if any.
DELETE FROM holdfast_semaphore WHERE lock_namespace = ? AND lock_id = ?
  AND CASE WHEN waiting THEN CAST(pg_notify('holdfast_lock', 's' || CAST(LENGTH(lock_namespace) AS VARCHAR) || ':'
                                                             || lock_namespace || lock_id) AS TEXT) IS NOT NULL
           ELSE TRUE END

-- name: renew
-- Parameters: lease in ms, namespace, id, owner, token, token. Only a live grant of that owner and token is renewed.
UPDATE holdfast_semaphore_grant SET expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond'
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP

-- name: renew-all
-- The watchdog's batch in one statement, as lock-store-postgresql.sql's renew-all: arrays of namespaces, ids, owners,
-- tokens and leases in ms; the rows returned are the grants renewed.
UPDATE holdfast_semaphore_grant l SET expires_at = CURRENT_TIMESTAMP + r.lease_ms * INTERVAL '1 millisecond'
FROM UNNEST(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))
     AS r (lock_namespace, lock_id, owner, token, lease_ms)
WHERE l.lock_namespace = r.lock_namespace AND l.lock_id = r.lock_id AND l.owner = r.owner
  AND (r.token = 0 OR l.token = r.token) AND l.expires_at > CURRENT_TIMESTAMP
RETURNING l.lock_namespace, l.lock_id, l.owner, l.token

-- name: inspect
-- Parameters: namespace, id, kind. The key's row with its live grants, oldest first (one result row per grant, or one
-- with NULL grant columns when there is none).
SELECT s.lock_namespace, s.lock_id, s.kind, s.size, s.fair,
       (SELECT COUNT(*) FROM holdfast_semaphore_queue q WHERE q.lock_namespace = s.lock_namespace
            AND q.lock_id = s.lock_id AND q.claim_expires_at > CURRENT_TIMESTAMP) AS queued,
       g.owner, g.priority, g.token, g.permits, g.exclusive,
       CAST(FLOOR(EXTRACT(EPOCH FROM (g.expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM holdfast_semaphore s
LEFT JOIN holdfast_semaphore_grant g ON g.lock_namespace = s.lock_namespace AND g.lock_id = s.lock_id
     AND g.expires_at > CURRENT_TIMESTAMP
WHERE s.lock_namespace = ? AND s.lock_id = ? AND s.kind = ?
ORDER BY g.token

-- name: list
-- Parameters: the most keys. Semaphores, and read/write locks someone holds, with their live grants, as inspect.
SELECT s.lock_namespace, s.lock_id, s.kind, s.size, s.fair,
       (SELECT COUNT(*) FROM holdfast_semaphore_queue q WHERE q.lock_namespace = s.lock_namespace
            AND q.lock_id = s.lock_id AND q.claim_expires_at > CURRENT_TIMESTAMP) AS queued,
       g.owner, g.priority, g.token, g.permits, g.exclusive,
       CAST(FLOOR(EXTRACT(EPOCH FROM (g.expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM (SELECT * FROM holdfast_semaphore k
      WHERE k.kind = 'SEMAPHORE' OR EXISTS (SELECT 1 FROM holdfast_semaphore_grant h WHERE h.lock_namespace = k.lock_namespace
          AND h.lock_id = k.lock_id AND h.expires_at > CURRENT_TIMESTAMP)
      ORDER BY k.lock_namespace, k.lock_id LIMIT ?) s
LEFT JOIN holdfast_semaphore_grant g ON g.lock_namespace = s.lock_namespace AND g.lock_id = s.lock_id
     AND g.expires_at > CURRENT_TIMESTAMP
ORDER BY s.lock_namespace, s.lock_id, g.token

-- name: list-namespace
-- Parameters: namespace, the most keys. As list, in one namespace.
SELECT s.lock_namespace, s.lock_id, s.kind, s.size, s.fair,
       (SELECT COUNT(*) FROM holdfast_semaphore_queue q WHERE q.lock_namespace = s.lock_namespace
            AND q.lock_id = s.lock_id AND q.claim_expires_at > CURRENT_TIMESTAMP) AS queued,
       g.owner, g.priority, g.token, g.permits, g.exclusive,
       CAST(FLOOR(EXTRACT(EPOCH FROM (g.expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM (SELECT * FROM holdfast_semaphore k
      WHERE k.lock_namespace = ? AND (k.kind = 'SEMAPHORE' OR EXISTS (SELECT 1 FROM holdfast_semaphore_grant h
          WHERE h.lock_namespace = k.lock_namespace AND h.lock_id = k.lock_id AND h.expires_at > CURRENT_TIMESTAMP))
      ORDER BY k.lock_id LIMIT ?) s
LEFT JOIN holdfast_semaphore_grant g ON g.lock_namespace = s.lock_namespace AND g.lock_id = s.lock_id
     AND g.expires_at > CURRENT_TIMESTAMP
ORDER BY s.lock_id, g.token

-- name: delete-expired-grants
-- Bounded state: grants expired for longer than the retention go. Parameters: retention in ms, the most rows. Rows a
-- running request has locked are skipped, never waited for.
DELETE FROM holdfast_semaphore_grant WHERE ctid IN (
    SELECT ctid FROM holdfast_semaphore_grant
    WHERE expires_at < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond'
    LIMIT ? FOR UPDATE SKIP LOCKED)

-- name: delete-dead-places
-- Bounded state: queue places whose claim ran out longer than the retention ago go. Parameters: as above.
DELETE FROM holdfast_semaphore_queue WHERE ctid IN (
    SELECT ctid FROM holdfast_semaphore_queue
    WHERE claim_expires_at < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond'
    LIMIT ? FOR UPDATE SKIP LOCKED)

-- name: idle-read-write
-- Parameters: the most keys. Rows of read/write locks without grants or queue places (released, or their expired
-- grants and dead places already deleted); each is then deleted in a transaction of its own that checks again under
-- the row lock.
SELECT lock_namespace, lock_id FROM holdfast_semaphore s
WHERE kind = 'READ_WRITE'
  AND NOT EXISTS (SELECT 1 FROM holdfast_semaphore_grant g WHERE g.lock_namespace = s.lock_namespace
                  AND g.lock_id = s.lock_id)
  AND NOT EXISTS (SELECT 1 FROM holdfast_semaphore_queue q WHERE q.lock_namespace = s.lock_namespace
                  AND q.lock_id = s.lock_id)
LIMIT ?

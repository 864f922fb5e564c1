-- Semaphore and read/write lock statements for H2; loaded once by JdbcLockStore (JdbcSemaphores). Each "-- name:"
-- line starts a statement. Tables: holdfast_semaphore (one row per key: kind, size, fairness), holdfast_semaphore_grant
-- (one row per grant, leased) and holdfast_semaphore_queue (the places of fair waiters). Expiry is decided by
-- CURRENT_TIMESTAMP, the database clock (in a transaction, its start); time left is the difference of epochs, since
-- DATEDIFF would compare the local times of two sessions' time zones.
-- An acquire, a create, a resize and a delete are each one short READ COMMITTED transaction that first
-- locks the key's holdfast_semaphore row (lock), so that racing requests of one key take turns; the statements after
-- it see everything committed before they start. A release and a renewal are one statement each. Waiters
-- poll (no notifications here). Tokens come from the sequence holdfast_lock_token, taken while the row is locked, so
-- they grow per semaphore.

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
-- Parameters: namespace, id, kind, size, fair, namespace, id. Inserts the key's row unless a live plain lock holds the
-- key: 1 when inserted; a duplicate key error when a racing request inserted it first.
INSERT INTO holdfast_semaphore (lock_namespace, lock_id, kind, size, fair, waiting, created_at, updated_at)
SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(256)), CAST(? AS VARCHAR(16)), CAST(? AS INTEGER),
       CAST(? AS BOOLEAN), FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE NOT EXISTS (SELECT 1 FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL
                  AND expires_at > CURRENT_TIMESTAMP)

-- name: retype
-- Parameters: kind, size, fair, namespace, id. Turns a read/write lock's leftover row (nobody holds or waits) into a
-- semaphore's.
UPDATE holdfast_semaphore SET kind = ?, size = ?, fair = ?, waiting = FALSE, created_at = CURRENT_TIMESTAMP,
    updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: members
-- Parameters: namespace, id, namespace, id. The key's grants (member G, by token) and queue places (member Q, by
-- place, whose number is in token), live or not.
SELECT 'G' AS member, owner, priority, token, permits, exclusive, expires_at > CURRENT_TIMESTAMP AS live,
       CAST(FLOOR((EXTRACT(EPOCH FROM expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ?
UNION ALL
SELECT 'Q', owner, 0, place, 0, FALSE, claim_expires_at > CURRENT_TIMESTAMP, CAST(0 AS BIGINT)
FROM holdfast_semaphore_queue WHERE lock_namespace = ? AND lock_id = ?
ORDER BY 1, 4

-- name: insert-grant
-- Parameters: namespace, id, owner, priority, permits, exclusive, lease in ms. Returns the grant's token.
SELECT token FROM FINAL TABLE (
    INSERT INTO holdfast_semaphore_grant (lock_namespace, lock_id, token, owner, priority, permits, exclusive,
                                          expires_at, created_at)
    VALUES (?, ?, NEXT VALUE FOR holdfast_lock_token, ?, ?, ?, ?, DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP),
            CURRENT_TIMESTAMP))

-- name: delete-grant
-- Parameters: namespace, id, token. Sent as one JDBC batch, in token order, for the grants a grant displaces or finds
-- expired.
DELETE FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ? AND token = ?

-- name: enqueue
-- Parameters: namespace, id, owner, place, claim in ms. Takes or keeps a waiter's place and renews its claim.
MERGE INTO holdfast_semaphore_queue KEY (lock_namespace, lock_id, owner)
VALUES (?, ?, ?, ?, DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP))

-- name: dequeue
-- Parameters: namespace, id, owner. Drops the place of a waiter just granted, and every place whose claim ran out.
DELETE FROM holdfast_semaphore_queue
WHERE lock_namespace = ? AND lock_id = ? AND (owner = ? OR claim_expires_at <= CURRENT_TIMESTAMP)

-- name: release
-- A grant back, in one statement. Parameters: namespace, id, owner, token. Deletes the grant if the owner and token
-- still hold it live: 1 when released. A read/write lock's row stays when its last grant goes, free, until the sweep
-- deletes it (as holdfast_lock's free rows).
DELETE FROM holdfast_semaphore_grant
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND token = ? AND expires_at > CURRENT_TIMESTAMP

-- name: leave
-- A refused waiter's place dropped when it stops waiting, in one statement. Parameters: namespace, id, owner. Only
-- the place's row is locked (never the key's row after it, so it cannot deadlock with an acquire); waiters poll, so
-- none is told. 1 when a place was dropped.
DELETE FROM holdfast_semaphore_queue WHERE lock_namespace = ? AND lock_id = ? AND owner = ?

-- name: resize
-- Parameters: size, namespace, id.
UPDATE holdfast_semaphore SET size = ?, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND kind = 'SEMAPHORE'

-- name: delete-grants-of
DELETE FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ?

-- name: delete-places-of
DELETE FROM holdfast_semaphore_queue WHERE lock_namespace = ? AND lock_id = ?

-- name: delete-row
-- Parameters: namespace, id. Deletes the key's row (after its grants and places).
DELETE FROM holdfast_semaphore WHERE lock_namespace = ? AND lock_id = ?

-- name: renew
-- Parameters: lease in ms, namespace, id, owner, token, token. Only a live grant of that owner and token is renewed;
-- the watchdog's batch sends it as one JDBC batch.
UPDATE holdfast_semaphore_grant SET expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP

-- name: inspect
-- Parameters: namespace, id, kind. The key's row with its live grants, oldest first (one result row per grant, or one
-- with NULL grant columns when there is none).
SELECT s.lock_namespace, s.lock_id, s.kind, s.size, s.fair,
       (SELECT COUNT(*) FROM holdfast_semaphore_queue q WHERE q.lock_namespace = s.lock_namespace
            AND q.lock_id = s.lock_id AND q.claim_expires_at > CURRENT_TIMESTAMP) AS queued,
       g.owner, g.priority, g.token, g.permits, g.exclusive,
       CAST(FLOOR((EXTRACT(EPOCH FROM g.expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
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
       CAST(FLOOR((EXTRACT(EPOCH FROM g.expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
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
       CAST(FLOOR((EXTRACT(EPOCH FROM g.expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM (SELECT * FROM holdfast_semaphore k
      WHERE k.lock_namespace = ? AND (k.kind = 'SEMAPHORE' OR EXISTS (SELECT 1 FROM holdfast_semaphore_grant h
          WHERE h.lock_namespace = k.lock_namespace AND h.lock_id = k.lock_id AND h.expires_at > CURRENT_TIMESTAMP))
      ORDER BY k.lock_id LIMIT ?) s
LEFT JOIN holdfast_semaphore_grant g ON g.lock_namespace = s.lock_namespace AND g.lock_id = s.lock_id
     AND g.expires_at > CURRENT_TIMESTAMP
ORDER BY s.lock_id, g.token

-- name: delete-expired-grants
-- Bounded state: grants expired for longer than the retention go. Parameters: retention in ms, the most rows.
DELETE FROM holdfast_semaphore_grant WHERE expires_at < DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP)
LIMIT ?

-- name: delete-dead-places
-- Bounded state: queue places whose claim ran out longer than the retention ago go. Parameters: as above.
DELETE FROM holdfast_semaphore_queue
WHERE claim_expires_at < DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP) LIMIT ?

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

-- Database lock store statements for H2; loaded once by JdbcLockStore.
-- Each "-- name:" line starts a statement. Expiry is always decided by CURRENT_TIMESTAMP, the database clock.
-- Acquire runs insert-if-absent, select-for-update and grant or reenter in one short transaction (TransactionalAcquire);
-- every other statement runs alone in autocommit.

-- name: check-table
-- Also fails without the token sequence, which the schema script adds.
SELECT COUNT(*) FROM holdfast_lock WHERE 1 = 0 AND token < NEXT VALUE FOR holdfast_lock_token

-- name: max-token
SELECT COALESCE(MAX(token), 0) FROM holdfast_lock

-- name: sequence-value
SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'HOLDFAST_LOCK_TOKEN'

-- name: delete-free
-- Bounded state: rows free, or expired, for longer than the retention go. Parameters: retention in ms (twice), the
-- most rows to delete.
DELETE FROM holdfast_lock
WHERE (owner IS NULL AND updated_at < DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP))
   OR (owner IS NOT NULL AND expires_at < DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP))
LIMIT ?

-- name: insert-if-absent
MERGE INTO holdfast_lock t
USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(256)))) s (lock_namespace, lock_id)
ON t.lock_namespace = s.lock_namespace AND t.lock_id = s.lock_id
WHEN NOT MATCHED THEN INSERT (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at)
VALUES (s.lock_namespace, s.lock_id, NULL, 0, 0, 0, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)

-- name: select-for-update
SELECT lock_namespace, lock_id, owner, priority, holds, token,
       CASE WHEN owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS live,
       CAST(FLOOR((EXTRACT(EPOCH FROM expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? FOR UPDATE

-- name: next-token
VALUES NEXT VALUE FOR holdfast_lock_token

-- name: grant
-- Parameters: owner, priority, the next token from the sequence, lease in ms, namespace, id.
UPDATE holdfast_lock SET owner = ?, priority = ?, holds = 1, token = GREATEST(CAST(? AS BIGINT), token + 1), expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP),
    created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: reenter
-- One more hold; the lease is extended, never shortened.
UPDATE holdfast_lock SET holds = holds + 1,
    expires_at = GREATEST(expires_at, DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)), updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: renew
-- Parameters: lease in ms, namespace, id, owner, token, token (0 checks the owner only). The watchdog's batch sends
-- it as one JDBC batch (no UPDATE ... RETURNING here): the update counts tell which leases were renewed.
UPDATE holdfast_lock SET expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP), updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP

-- name: release-last
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP AND holds <= 1

-- name: release-hold
UPDATE holdfast_lock SET holds = holds - 1, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP AND holds > 1

-- name: expire-owner
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND expires_at > CURRENT_TIMESTAMP

-- name: expire-any
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP

-- name: inspect
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR((EXTRACT(EPOCH FROM expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP

-- name: list
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR((EXTRACT(EPOCH FROM expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP ORDER BY lock_namespace, lock_id LIMIT ?

-- name: list-namespace
SELECT lock_namespace, lock_id, owner, priority, holds, token, CAST(FLOOR((EXTRACT(EPOCH FROM expires_at) - EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP ORDER BY lock_id LIMIT ?

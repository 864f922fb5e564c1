-- Database lock store statements for PostgreSQL; loaded once by JdbcLockStore.
-- Each "-- name:" line starts a statement. Expiry is always decided by CURRENT_TIMESTAMP, the database clock.

-- name: check-table
SELECT COUNT(*) FROM holdfast_lock WHERE 1 = 0

-- name: insert-if-absent
INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at)
VALUES (?, ?, NULL, 0, 0, 0, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
ON CONFLICT (lock_namespace, lock_id) DO NOTHING

-- name: select-for-update
SELECT lock_namespace, lock_id, owner, priority, holds, token,
       CASE WHEN owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS live,
       CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? FOR UPDATE

-- name: grant
UPDATE holdfast_lock SET owner = ?, priority = ?, holds = 1, token = token + 1, expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond',
    created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: reenter
UPDATE holdfast_lock SET holds = holds + 1, expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond', updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: renew
UPDATE holdfast_lock SET expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond', updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (CAST(? AS BIGINT) = 0 OR token = ?)
  AND expires_at > CURRENT_TIMESTAMP

-- name: decrement
UPDATE holdfast_lock SET holds = holds - 1, updated_at = CURRENT_TIMESTAMP WHERE lock_namespace = ? AND lock_id = ?

-- name: free
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ?

-- name: expire-owner
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND expires_at > CURRENT_TIMESTAMP

-- name: expire-any
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
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

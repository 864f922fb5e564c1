-- Pessimistic offline lock statements for H2; loaded once by JdbcOfflineLocks.
-- Each "-- name:" line starts a statement. Expiry is always decided by CURRENT_TIMESTAMP, the database clock.

-- name: check-table
SELECT COUNT(*) FROM holdfast_offline_lock WHERE 1 = 0

-- name: insert-if-absent
MERGE INTO holdfast_offline_lock t
USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(255)))) s (object_type, object_id)
ON t.object_type = s.object_type AND t.object_id = s.object_id
WHEN NOT MATCHED THEN INSERT (object_type, object_id, holder, reason, token, expires_at, created_at, updated_at)
VALUES (s.object_type, s.object_id, NULL, NULL, 0, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)

-- name: select-for-update
SELECT holder, reason, token, created_at, expires_at,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS stale
FROM holdfast_offline_lock WHERE object_type = ? AND object_id = ? FOR UPDATE

-- name: grant
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP,
    expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)
WHERE object_type = ? AND object_id = ?

-- name: grant-forever
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP,
    expires_at = NULL
WHERE object_type = ? AND object_id = ?

-- name: renew
UPDATE holdfast_offline_lock
SET reason = ?, updated_at = CURRENT_TIMESTAMP, expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)
WHERE object_type = ? AND object_id = ?

-- name: renew-forever
UPDATE holdfast_offline_lock SET reason = ?, updated_at = CURRENT_TIMESTAMP, expires_at = NULL
WHERE object_type = ? AND object_id = ?

-- name: find-live
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND object_id = ? AND holder IS NOT NULL
  AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)

-- name: find-held-by
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE holder = ? AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)
ORDER BY object_type, object_id

-- name: release
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE object_type = ? AND object_id = ? AND holder = ?

-- name: release-all
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE holder = ?

-- name: find-stale
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND expires_at <= CURRENT_TIMESTAMP
ORDER BY expires_at LIMIT ?

-- name: expire
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = CURRENT_TIMESTAMP
WHERE object_type = ? AND object_id = ? AND holder = ? AND token = ? AND expires_at <= CURRENT_TIMESTAMP

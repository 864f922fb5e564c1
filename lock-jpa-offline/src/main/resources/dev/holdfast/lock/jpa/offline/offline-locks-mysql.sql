-- Pessimistic offline lock statements for MySQL and MariaDB; loaded once by JdbcOfflineLocks.
-- Each "-- name:" line starts a statement. Expiry is always decided by UTC_TIMESTAMP(6), the database clock in UTC.

-- name: check-table
SELECT COUNT(*) FROM holdfast_offline_lock WHERE 1 = 0

-- name: insert-if-absent
INSERT INTO holdfast_offline_lock (object_type, object_id, holder, reason, token, expires_at, created_at, updated_at)
VALUES (?, ?, NULL, NULL, 0, NULL, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
ON DUPLICATE KEY UPDATE object_type = object_type

-- name: select-for-update
SELECT holder, reason, token, created_at, expires_at,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP(6) THEN 1 ELSE 0 END AS stale
FROM holdfast_offline_lock WHERE object_type = ? AND object_id = ? FOR UPDATE

-- name: grant
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6),
    expires_at = TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6))
WHERE object_type = ? AND object_id = ?

-- name: grant-forever
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6),
    expires_at = NULL
WHERE object_type = ? AND object_id = ?

-- name: renew
UPDATE holdfast_offline_lock
SET reason = ?, updated_at = UTC_TIMESTAMP(6), expires_at = TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6))
WHERE object_type = ? AND object_id = ?

-- name: renew-forever
UPDATE holdfast_offline_lock SET reason = ?, updated_at = UTC_TIMESTAMP(6), expires_at = NULL
WHERE object_type = ? AND object_id = ?

-- name: find-live
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND object_id = ? AND holder IS NOT NULL
  AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))

-- name: find-held-by
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE holder = ? AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))
ORDER BY object_type, object_id

-- name: release
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE object_type = ? AND object_id = ? AND holder = ?

-- name: release-all
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE holder = ?

-- name: find-stale
SELECT object_type, object_id, holder, reason, token, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND expires_at <= UTC_TIMESTAMP(6)
ORDER BY expires_at LIMIT ?

-- name: expire
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE object_type = ? AND object_id = ? AND holder = ? AND token = ? AND expires_at <= UTC_TIMESTAMP(6)

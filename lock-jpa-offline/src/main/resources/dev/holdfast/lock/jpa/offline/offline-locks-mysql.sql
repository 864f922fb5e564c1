-- Pessimistic offline lock statements for MySQL and MariaDB; loaded once by JdbcOfflineLocks.
-- Each "-- name:" line starts a statement. Expiry is always decided by UTC_TIMESTAMP(6), the database clock in UTC.
-- MySQL assigns an UPDATE's SET list from left to right, each seeing the ones before: holds is always assigned last,
-- so that every CASE on it reads the count from before the statement.
-- holds counts the holder's holds. A held row may have holds 0 if an older version of Holdfast wrote it: GREATEST
-- counts it as one.

-- name: check-table
SELECT COUNT(holds) FROM holdfast_offline_lock WHERE 1 = 0

-- name: insert-if-absent
INSERT INTO holdfast_offline_lock (object_type, object_id, holder, reason, token, holds, expires_at, created_at, updated_at)
VALUES (?, ?, NULL, NULL, 0, 0, NULL, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
ON DUPLICATE KEY UPDATE object_type = object_type

-- name: select-for-update
SELECT holder, reason, token, holds, created_at, expires_at,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP(6) THEN 1 ELSE 0 END AS stale
FROM holdfast_offline_lock WHERE object_type = ? AND object_id = ? FOR UPDATE

-- name: grant
-- A new holder: a new token, one hold.
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6),
    expires_at = TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)), holds = 1
WHERE object_type = ? AND object_id = ?

-- name: grant-forever
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6),
    expires_at = NULL, holds = 1
WHERE object_type = ? AND object_id = ?

-- name: renew
-- The holder's own live lock: adds 1 hold (reentrant) or 0 (take-or-renew). The expiry only ever moves later: the
-- later of the current one and now + idle timeout (both parameters); a never-expiring lock (NULL) stays so.
UPDATE holdfast_offline_lock
SET reason = ?, updated_at = UTC_TIMESTAMP(6),
    expires_at = CASE WHEN expires_at IS NULL THEN NULL
                      WHEN expires_at >= TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)) THEN expires_at
                      ELSE TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)) END,
    holds = GREATEST(holds, 1) + ?
WHERE object_type = ? AND object_id = ?

-- name: renew-forever
UPDATE holdfast_offline_lock SET reason = ?, updated_at = UTC_TIMESTAMP(6), expires_at = NULL, holds = GREATEST(holds, 1) + ?
WHERE object_type = ? AND object_id = ?

-- name: find-live
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND object_id = ? AND holder IS NOT NULL
  AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))

-- name: find-held-by
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder = ? AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))
ORDER BY object_type, object_id

-- name: list-live
-- Every owner's live locks, for the locks endpoint: bounded, in key order.
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))
ORDER BY object_type, object_id
LIMIT ?

-- name: list-live-in
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND holder IS NOT NULL AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP(6))
ORDER BY object_type, object_id
LIMIT ?

-- name: release
-- One hold of the holder: the count goes down, and the lock is free once it was the last.
UPDATE holdfast_offline_lock
SET holder = CASE WHEN holds > 1 THEN holder ELSE NULL END,
    reason = CASE WHEN holds > 1 THEN reason ELSE NULL END,
    expires_at = CASE WHEN holds > 1 THEN expires_at ELSE NULL END,
    updated_at = UTC_TIMESTAMP(6),
    holds = CASE WHEN holds > 1 THEN holds - 1 ELSE 0 END
WHERE object_type = ? AND object_id = ? AND holder = ?

-- name: release-all
-- Every lock of the holder, whatever its count.
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = UTC_TIMESTAMP(6), holds = 0
WHERE holder = ?

-- name: find-stale
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND expires_at <= UTC_TIMESTAMP(6)
ORDER BY expires_at LIMIT ?

-- name: expire
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = UTC_TIMESTAMP(6), holds = 0
WHERE object_type = ? AND object_id = ? AND holder = ? AND token = ? AND expires_at <= UTC_TIMESTAMP(6)

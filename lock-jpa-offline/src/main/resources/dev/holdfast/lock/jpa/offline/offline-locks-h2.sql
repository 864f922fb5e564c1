-- Pessimistic offline lock statements for H2; loaded once by JdbcOfflineLocks.
-- Each "-- name:" line starts a statement. Expiry is always decided by CURRENT_TIMESTAMP, the database clock.
-- holds counts the holder's holds. A held row may have holds 0 if an older version of Holdfast wrote it: GREATEST
-- counts it as one.

-- name: check-table
SELECT COUNT(holds) FROM holdfast_offline_lock WHERE 1 = 0

-- name: insert-if-absent
MERGE INTO holdfast_offline_lock t
USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(255)))) s (object_type, object_id)
ON t.object_type = s.object_type AND t.object_id = s.object_id
WHEN NOT MATCHED THEN INSERT (object_type, object_id, holder, reason, token, holds, expires_at, created_at, updated_at)
VALUES (s.object_type, s.object_id, NULL, NULL, 0, 0, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)

-- name: select-for-update
SELECT holder, reason, token, holds, created_at, expires_at,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS stale
FROM holdfast_offline_lock WHERE object_type = ? AND object_id = ? FOR UPDATE

-- name: grant
-- A new holder: a new token, one hold.
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP,
    expires_at = DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP), holds = 1
WHERE object_type = ? AND object_id = ?

-- name: grant-forever
UPDATE holdfast_offline_lock
SET holder = ?, reason = ?, token = token + 1, created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP,
    expires_at = NULL, holds = 1
WHERE object_type = ? AND object_id = ?

-- name: renew
-- The holder's own live lock: adds 1 hold (reentrant) or 0 (take-or-renew). The expiry only ever moves later: the
-- later of the current one and now + idle timeout (both parameters); a never-expiring lock (NULL) stays so.
UPDATE holdfast_offline_lock
SET reason = ?, updated_at = CURRENT_TIMESTAMP,
    expires_at = CASE WHEN expires_at IS NULL THEN NULL
                      WHEN expires_at >= DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP) THEN expires_at
                      ELSE DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP) END,
    holds = GREATEST(holds, 1) + ?
WHERE object_type = ? AND object_id = ?

-- name: renew-forever
UPDATE holdfast_offline_lock SET reason = ?, updated_at = CURRENT_TIMESTAMP, expires_at = NULL, holds = GREATEST(holds, 1) + ?
WHERE object_type = ? AND object_id = ?

-- name: find-live
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND object_id = ? AND holder IS NOT NULL
  AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)

-- name: find-held-by
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder = ? AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)
ORDER BY object_type, object_id

-- name: list-live
-- Every owner's live locks, for the locks endpoint: bounded, in key order.
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)
ORDER BY object_type, object_id
LIMIT ?

-- name: list-live-in
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE object_type = ? AND holder IS NOT NULL AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)
ORDER BY object_type, object_id
LIMIT ?

-- name: release
-- One hold of the holder: the count goes down, and the lock is free once it was the last.
UPDATE holdfast_offline_lock
SET holder = CASE WHEN holds > 1 THEN holder ELSE NULL END,
    reason = CASE WHEN holds > 1 THEN reason ELSE NULL END,
    expires_at = CASE WHEN holds > 1 THEN expires_at ELSE NULL END,
    updated_at = CURRENT_TIMESTAMP,
    holds = CASE WHEN holds > 1 THEN holds - 1 ELSE 0 END
WHERE object_type = ? AND object_id = ? AND holder = ?

-- name: release-all
-- Every lock of the holder, whatever its count.
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = CURRENT_TIMESTAMP, holds = 0
WHERE holder = ?

-- name: find-stale
SELECT object_type, object_id, holder, reason, token, holds, created_at, expires_at FROM holdfast_offline_lock
WHERE holder IS NOT NULL AND expires_at <= CURRENT_TIMESTAMP
ORDER BY expires_at LIMIT ?

-- name: expire
UPDATE holdfast_offline_lock SET holder = NULL, reason = NULL, expires_at = NULL, updated_at = CURRENT_TIMESTAMP, holds = 0
WHERE object_type = ? AND object_id = ? AND holder = ? AND token = ? AND expires_at <= CURRENT_TIMESTAMP

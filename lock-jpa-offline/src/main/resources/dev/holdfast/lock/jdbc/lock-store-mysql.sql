-- Database lock store statements for MySQL and MariaDB; loaded once by JdbcLockStore.
-- Each "-- name:" line starts a statement. Expiry is always decided by UTC_TIMESTAMP(6), the database clock in UTC
-- (the statement's start). Statements run in autocommit unless they belong to the short transaction of
-- TransactionalAcquire (insert-if-absent, select-for-update, grant, reenter).

-- name: check-table
-- Also fails without the token sequence, which the schema script adds (MariaDB 10.3+; MySQL has no sequences).
SELECT COUNT(*) FROM holdfast_lock, holdfast_lock_token WHERE 1 = 0

-- name: max-token
SELECT COALESCE(MAX(token), 0) FROM holdfast_lock

-- name: align-token-sequence
-- SETVAL ignores a value below the sequence's current one, so this only ever moves it up.
SELECT SETVAL(holdfast_lock_token, ?)

-- name: delete-free
-- Bounded state: rows free, or expired, for longer than the retention go. Parameters: retention in ms (twice), the
-- most rows to delete.
DELETE FROM holdfast_lock
WHERE (owner IS NULL AND updated_at < TIMESTAMPADD(MICROSECOND, -? * 1000, UTC_TIMESTAMP(6)))
   OR (owner IS NOT NULL AND expires_at < TIMESTAMPADD(MICROSECOND, -? * 1000, UTC_TIMESTAMP(6)))
LIMIT ?

-- name: acquire-lock
-- MariaDB 10.5+ only (RETURNING). Parameters: namespace, id, owner, priority, lease in ms. Creates the row, takes a
-- free or expired lock (new token, one hold) or re-enters the owner's live lock (same token, one more hold, lease
-- extended, never shortened); otherwise leaves the row as it was. Returns the row: its owner is the caller's exactly when granted.
-- The conditions read only columns not yet assigned, or owner, whose new value keeps them true, so they hold whether
-- the assignments are evaluated left to right (the default) or simultaneously (SIMULTANEOUS_ASSIGNMENT). A row
-- without an owner never has an expiry.
INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at)
VALUES (?, ?, ?, ?, 1, NEXT VALUE FOR holdfast_lock_token, TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)),
        UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
ON DUPLICATE KEY UPDATE
    owner = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               VALUES(owner), owner),
    holds = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               IF(owner = VALUES(owner) AND expires_at > UTC_TIMESTAMP(6), holds + 1, 1), holds),
    token = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               IF(owner = VALUES(owner) AND expires_at > UTC_TIMESTAMP(6), token, GREATEST(VALUES(token), token + 1)),
               token),
    priority = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               IF(owner = VALUES(owner) AND expires_at > UTC_TIMESTAMP(6), priority, VALUES(priority)), priority),
    created_at = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               IF(owner = VALUES(owner) AND expires_at > UTC_TIMESTAMP(6), created_at, UTC_TIMESTAMP(6)), created_at),
    updated_at = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               UTC_TIMESTAMP(6), updated_at),
    expires_at = IF(owner = VALUES(owner) OR owner IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6),
               IF(owner = VALUES(owner) AND expires_at > UTC_TIMESTAMP(6),
                  GREATEST(expires_at, VALUES(expires_at)), VALUES(expires_at)), expires_at)
RETURNING owner, priority, holds, token, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) DIV 1000 AS remaining_ms

-- name: insert-if-absent
INSERT INTO holdfast_lock (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at)
VALUES (?, ?, NULL, 0, 0, 0, NULL, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
ON DUPLICATE KEY UPDATE lock_namespace = lock_namespace

-- name: select-for-update
SELECT lock_namespace, lock_id, owner, priority, holds, token,
       CASE WHEN owner IS NOT NULL AND expires_at > UTC_TIMESTAMP(6) THEN 1 ELSE 0 END AS live,
       TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) DIV 1000 AS remaining_ms
FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? FOR UPDATE

-- name: next-token
SELECT NEXT VALUE FOR holdfast_lock_token

-- name: grant
-- Parameters: owner, priority, the next token from the sequence, lease in ms, namespace, id.
UPDATE holdfast_lock SET owner = ?, priority = ?, holds = 1, token = GREATEST(?, token + 1), expires_at = TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)),
    created_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ?

-- name: reenter
-- One more hold; the lease is extended, never shortened.
UPDATE holdfast_lock SET holds = holds + 1,
    expires_at = GREATEST(expires_at, TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6))), updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ?

-- name: renew
-- Parameters: lease in ms, namespace, id, owner, token, token (0 checks the owner only). The watchdog's batch sends
-- it as one JDBC batch (no UPDATE ... RETURNING here): the update counts tell which leases were renewed.
UPDATE holdfast_lock SET expires_at = TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6)), updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (? = 0 OR token = ?)
  AND expires_at > UTC_TIMESTAMP(6)

-- name: release-last
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (? = 0 OR token = ?) AND expires_at > UTC_TIMESTAMP(6)
  AND holds <= 1

-- name: release-hold
UPDATE holdfast_lock SET holds = holds - 1, updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND (? = 0 OR token = ?) AND expires_at > UTC_TIMESTAMP(6)
  AND holds > 1

-- name: expire-owner
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ? AND owner = ? AND expires_at > UTC_TIMESTAMP(6)

-- name: expire-any
UPDATE holdfast_lock SET owner = NULL, priority = 0, holds = 0, expires_at = NULL, updated_at = UTC_TIMESTAMP(6)
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > UTC_TIMESTAMP(6)

-- name: inspect
SELECT lock_namespace, lock_id, owner, priority, holds, token, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) DIV 1000 AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND lock_id = ? AND owner IS NOT NULL AND expires_at > UTC_TIMESTAMP(6)

-- name: list
SELECT lock_namespace, lock_id, owner, priority, holds, token, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) DIV 1000 AS remaining_ms FROM holdfast_lock
WHERE owner IS NOT NULL AND expires_at > UTC_TIMESTAMP(6) ORDER BY lock_namespace, lock_id LIMIT ?

-- name: list-namespace
SELECT lock_namespace, lock_id, owner, priority, holds, token, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) DIV 1000 AS remaining_ms FROM holdfast_lock
WHERE lock_namespace = ? AND owner IS NOT NULL AND expires_at > UTC_TIMESTAMP(6) ORDER BY lock_id LIMIT ?

-- Mailbox statements for PostgreSQL; loaded once by JdbcLockStore (JdbcMailboxes). Each "-- name:" line starts a statement.
-- Tables: holdfast_mailbox_frame (the queued frames, in order of seq per mailbox), holdfast_mailbox_result (results by
-- call id, until they expire by the database clock) and holdfast_mailbox_dead_letter. A step that changes a mailbox's
-- queue for its runner (begin, take, complete, dead-letter) is one short READ COMMITTED transaction that first locks
-- the mailbox lock's holdfast_lock row while the runner's token holds it (fence), so a holder whose lease ran out
-- changes nothing; enqueue, reads and the sweep are one statement each.
-- Waking callers: a written result sends pg_notify('holdfast_lock', 'r' || length(call id) || ':' || call id || 'm' ||
-- payload of the mailbox lock) in the step's transaction (delivered when it commits), which wakes that call's caller;
-- the mailbox lock's own release notification wakes one caller to take the mailbox over.

-- name: check-holdfast_mailbox_frame
-- The check-* statements fail when their table, or one of its columns, is missing (the schema script creates them).
SELECT seq, mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at FROM holdfast_mailbox_frame
WHERE 1 = 0

-- name: check-holdfast_mailbox_result
SELECT call_id, outcome, payload, exception_type, message, attempts, dead_lettered, expires_at
FROM holdfast_mailbox_result WHERE 1 = 0

-- name: check-holdfast_mailbox_dead_letter
SELECT seq, mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at, reason, dead_at
FROM holdfast_mailbox_dead_letter WHERE 1 = 0

-- name: fence
-- Parameters: lock namespace, lock id, token. Locks the mailbox lock's row while the token holds it (live by the
-- database clock), so that the step's changes commit before the lock can change hands: 1 row when fenced, else none.
SELECT token FROM holdfast_lock
WHERE lock_namespace = ? AND lock_id = ? AND token = ? AND owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP FOR UPDATE

-- name: head
-- Parameters: type, id. The mailbox's oldest frame.
SELECT seq, call_id, payload, chain, attempts, enqueued_at FROM holdfast_mailbox_frame
WHERE mailbox_type = ? AND mailbox_id = ? ORDER BY seq LIMIT 1

-- name: frame
-- Parameters: type, id, call id. One queued frame.
SELECT seq, call_id, payload, chain, attempts, enqueued_at FROM holdfast_mailbox_frame
WHERE mailbox_type = ? AND mailbox_id = ? AND call_id = ?

-- name: depth
-- Parameters: type, id.
SELECT COUNT(*) FROM holdfast_mailbox_frame WHERE mailbox_type = ? AND mailbox_id = ?

-- name: begin
-- Parameters: seq. One more attempt of a frame.
UPDATE holdfast_mailbox_frame SET attempts = attempts + 1 WHERE seq = ?

-- name: delete-frame
-- Parameters: seq.
DELETE FROM holdfast_mailbox_frame WHERE seq = ?

-- name: result
-- Parameters: call id. The call's result unless expired by the database clock.
SELECT outcome, payload, exception_type, message, attempts, dead_lettered FROM holdfast_mailbox_result
WHERE call_id = ? AND expires_at > CURRENT_TIMESTAMP

-- name: delete-result
-- Parameters: call id.
DELETE FROM holdfast_mailbox_result WHERE call_id = ?

-- name: with-work
-- Parameters: type, the most mailboxes.
SELECT DISTINCT mailbox_id FROM holdfast_mailbox_frame WHERE mailbox_type = ? LIMIT ?

-- name: with-dead-letters
-- Parameters: type, the most mailboxes.
SELECT DISTINCT mailbox_id FROM holdfast_mailbox_dead_letter WHERE mailbox_type = ? LIMIT ?

-- name: summary
-- Parameters: type, five times. One row: frames, mailboxes with frames, the oldest head frame's enqueue time (ns),
-- dead letters and mailboxes with dead letters of the type.
SELECT (SELECT COUNT(*) FROM holdfast_mailbox_frame WHERE mailbox_type = ?),
       (SELECT COUNT(DISTINCT mailbox_id) FROM holdfast_mailbox_frame WHERE mailbox_type = ?),
       (SELECT MIN(f.enqueued_at) FROM holdfast_mailbox_frame f
        WHERE f.mailbox_type = ? AND f.seq = (SELECT MIN(h.seq) FROM holdfast_mailbox_frame h
                                              WHERE h.mailbox_type = f.mailbox_type AND h.mailbox_id = f.mailbox_id)),
       (SELECT COUNT(*) FROM holdfast_mailbox_dead_letter WHERE mailbox_type = ?),
       (SELECT COUNT(DISTINCT mailbox_id) FROM holdfast_mailbox_dead_letter WHERE mailbox_type = ?)

-- name: bury
-- Parameters: reason, seq. Copies a frame to the dead letters, dead now by the database clock.
INSERT INTO holdfast_mailbox_dead_letter (mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at,
                                          reason, dead_at)
SELECT mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at, ?, CURRENT_TIMESTAMP
FROM holdfast_mailbox_frame WHERE seq = ?

-- name: dead-letters
-- Parameters: type, id. Oldest first.
SELECT call_id, payload, chain, attempts, enqueued_at, reason, dead_at FROM holdfast_mailbox_dead_letter
WHERE mailbox_type = ? AND mailbox_id = ? ORDER BY seq

-- name: lock-dead-letter
-- Parameters: type, id, call id. Locks one dead letter, so that racing requeues take turns.
SELECT seq FROM holdfast_mailbox_dead_letter WHERE mailbox_type = ? AND mailbox_id = ? AND call_id = ? FOR UPDATE

-- name: requeue
-- Parameters: seq. Copies a dead letter to the tail of its mailbox, with no attempts made.
INSERT INTO holdfast_mailbox_frame (mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at)
SELECT mailbox_type, mailbox_id, call_id, payload, chain, 0, enqueued_at FROM holdfast_mailbox_dead_letter WHERE seq = ?

-- name: delete-dead-letter
-- Parameters: type, id, call id.
DELETE FROM holdfast_mailbox_dead_letter WHERE mailbox_type = ? AND mailbox_id = ? AND call_id = ?

-- name: enqueue
-- Parameters: type, id, call id, payload, chain, enqueued at (ns), type, id, the most frames. 1 when appended.
INSERT INTO holdfast_mailbox_frame (mailbox_type, mailbox_id, call_id, payload, chain, attempts, enqueued_at)
SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TEXT), CAST(? AS TEXT), 0,
       CAST(? AS BIGINT)
WHERE (SELECT COUNT(*) FROM holdfast_mailbox_frame WHERE mailbox_type = ? AND mailbox_id = ?) < ?

-- name: put-result
-- Parameters: call id, outcome, payload, exception type, message, attempts, dead-lettered, time to live in ms. Keeps a
-- result already written for the call id.
INSERT INTO holdfast_mailbox_result (call_id, outcome, payload, exception_type, message, attempts, dead_lettered,
                                     expires_at)
VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TEXT), CAST(? AS VARCHAR), CAST(? AS TEXT),
        CAST(? AS INTEGER), CAST(? AS BOOLEAN), CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond')
ON CONFLICT (call_id) DO NOTHING

-- name: notify
-- Parameters: the mailbox's payload.
SELECT pg_notify('holdfast_lock', CAST(? AS TEXT))

-- name: delete-expired-results
-- Bounded state: expired results go. Parameters: the most rows. Rows a running step has locked are skipped.
DELETE FROM holdfast_mailbox_result WHERE ctid IN (
    SELECT ctid FROM holdfast_mailbox_result WHERE expires_at <= CURRENT_TIMESTAMP LIMIT ? FOR UPDATE SKIP LOCKED)

-- Holdfast lock tables for MySQL and MariaDB (InnoDB). Every statement is idempotent, so the script may run at
-- every start. Timestamps are DATETIME(6) in UTC, written from UTC_TIMESTAMP(6): the database clock, whatever the
-- session time zone.
-- holdfast_offline_lock: pessimistic offline locks. A row with a NULL holder is free; rows are kept after release
-- so that the fencing token of a (type, id) only ever grows. expires_at NULL with a holder means never-expiring.
-- holds counts the holder's holds (re-acquisitions): the lock is free once the last one is released.
-- On MariaDB object_type, object_id and holder use the NO PAD binary collation (the /*M! ... */ parts run on MariaDB
-- only), so that ids or holders that differ only in trailing spaces are never one lock or one holder; MySQL 8 users
-- get the same with COLLATE utf8mb4_0900_bin on these columns.
CREATE TABLE IF NOT EXISTS holdfast_offline_lock (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    object_type VARCHAR(100) /*M!100202 COLLATE utf8mb4_nopad_bin */ NOT NULL,
    object_id VARCHAR(255) /*M!100202 COLLATE utf8mb4_nopad_bin */ NOT NULL,
    holder VARCHAR(255) /*M!100202 COLLATE utf8mb4_nopad_bin */ NULL,
    reason VARCHAR(255) NULL,
    token BIGINT NOT NULL,
    holds INT NOT NULL DEFAULT 1,
    expires_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT uk_holdfast_offline_lock_target UNIQUE (object_type, object_id),
    INDEX ix_holdfast_offline_lock_holder (holder),
    INDEX ix_holdfast_offline_lock_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- holds came after the first version of this script; this adds it to tables created before (an existing lock
-- counts one hold). MariaDB runs it at every start. MySQL 8 has no ADD COLUMN IF NOT EXISTS, so there the statement
-- fails and the schema initialiser goes on (holdfast.jdbc.continue-on-error, true by default). MySQL users whose table
-- was created before: add the column once, by hand or in a migration of its own, with
--   ALTER TABLE holdfast_offline_lock ADD COLUMN holds INT NOT NULL DEFAULT 1
-- (until then startup stops, saying the table lacks a column); when copying this script into Flyway or Liquibase
-- migrations for MySQL, leave this statement out.
ALTER TABLE holdfast_offline_lock ADD COLUMN IF NOT EXISTS holds INT NOT NULL DEFAULT 1;
-- Tables created before the NO PAD collation (MariaDB; a no-op once converted, and an empty statement on MySQL).
ALTER TABLE holdfast_offline_lock /*M!100202 MODIFY object_type VARCHAR(100) COLLATE utf8mb4_nopad_bin NOT NULL,
    MODIFY object_id VARCHAR(255) COLLATE utf8mb4_nopad_bin NOT NULL,
    MODIFY holder VARCHAR(255) COLLATE utf8mb4_nopad_bin NULL */;

-- holdfast_lock: the database lock store behind LockTemplate and @Locked. A row with a NULL owner is free; rows are
-- kept after release so that the fencing token of a key only ever grows.
-- lock_id and owner are VARBINARY (their UTF-8 bytes): compared byte for byte, so that ids or owners that differ
-- only in trailing spaces are never one lock or one owner (MySQL's and MariaDB's _bin collations pad with spaces).
CREATE TABLE IF NOT EXISTS holdfast_lock (
    lock_namespace VARCHAR(64) NOT NULL,
    lock_id VARBINARY(1024) NOT NULL,
    owner VARBINARY(1024) NULL,
    priority INT NOT NULL,
    holds INT NOT NULL,
    token BIGINT NOT NULL,
    expires_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_lock PRIMARY KEY (lock_namespace, lock_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- Tables created before lock_id and owner were VARBINARY: convert them (a no-op once converted).
ALTER TABLE holdfast_lock MODIFY lock_id VARBINARY(1024) NOT NULL, MODIFY owner VARBINARY(1024) NULL;
-- holdfast_lock_token: the fencing tokens of holdfast_lock, one sequence for every key, so a key whose row was deleted
-- (free rows are deleted after a retention) still gets a token above every earlier one.
-- MariaDB 10.3+; MySQL has no sequences, so on MySQL this statement fails and the database lock store cannot run
-- (offline locks and row locks do not need it).
CREATE SEQUENCE IF NOT EXISTS holdfast_lock_token;

-- holdfast_semaphore: the semaphores and read/write locks of the database lock store (SemaphoreStore), one row per key
-- (kind SEMAPHORE or READ_WRITE, so a key is never both). A semaphore's row lives from create to delete; a read/write
-- lock's row is inserted by its first grant and stays, free, after its last until the sweep deletes it (as free rows
-- of holdfast_lock do). Every acquire, create, resize and delete locks this row
-- first (SELECT ... FOR UPDATE), so racing requests of one key take turns. lock_id and owner are VARBINARY, compared
-- byte for byte, as in holdfast_lock.
CREATE TABLE IF NOT EXISTS holdfast_semaphore (
    lock_namespace VARCHAR(64) NOT NULL,
    lock_id VARBINARY(1024) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    size INT NOT NULL,
    fair BOOLEAN NOT NULL,
    waiting BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_semaphore PRIMARY KEY (lock_namespace, lock_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- holdfast_semaphore_grant: one row per grant (some permits, a read hold or the write hold), leased by the database
-- clock; token from holdfast_lock_token. Expired rows are deleted by the next grant of the key or after a retention.
CREATE TABLE IF NOT EXISTS holdfast_semaphore_grant (
    lock_namespace VARCHAR(64) NOT NULL,
    lock_id VARBINARY(1024) NOT NULL,
    token BIGINT NOT NULL,
    owner VARBINARY(1024) NOT NULL,
    priority INT NOT NULL,
    permits INT NOT NULL,
    exclusive BOOLEAN NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_semaphore_grant PRIMARY KEY (lock_namespace, lock_id, token),
    INDEX ix_holdfast_semaphore_grant_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- holdfast_semaphore_queue: the waiters of a fair semaphore (and a read/write lock's writers) in arrival order (place);
-- each refusal renews the waiter's claim, and a place whose claim ran out no longer counts.
CREATE TABLE IF NOT EXISTS holdfast_semaphore_queue (
    lock_namespace VARCHAR(64) NOT NULL,
    lock_id VARBINARY(1024) NOT NULL,
    owner VARBINARY(1024) NOT NULL,
    place BIGINT NOT NULL,
    claim_expires_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_semaphore_queue PRIMARY KEY (lock_namespace, lock_id, owner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- holdfast_mailbox_frame: the frames of the mailboxes of the database lock store (MailboxStore), one row per queued
-- call, in order of seq within a mailbox (mailbox_type = the mailbox's namespace). chain lists the mailboxes the call
-- came through; enqueued_at is the enqueuing instance's clock in nanoseconds since the epoch. A frame's row goes when
-- the frame runs (at-most-once) or completes (at-least-once), so an emptied mailbox leaves no row.
-- mailbox_id is VARBINARY, compared byte for byte, as lock_id in holdfast_lock. seq (here and in the dead letters)
-- comes from the sequence holdfast_mailbox_seq: frames are copied between the tables by INSERT ... SELECT, which an
-- AUTO_INCREMENT column would make take a table lock.
CREATE SEQUENCE IF NOT EXISTS holdfast_mailbox_seq;
CREATE TABLE IF NOT EXISTS holdfast_mailbox_frame (
    seq BIGINT NOT NULL,
    mailbox_type VARCHAR(64) NOT NULL,
    mailbox_id VARBINARY(1024) NOT NULL,
    call_id VARCHAR(256) NOT NULL,
    payload LONGTEXT NOT NULL,
    chain TEXT NOT NULL,
    attempts INT NOT NULL,
    enqueued_at BIGINT NOT NULL,
    CONSTRAINT pk_holdfast_mailbox_frame PRIMARY KEY (seq),
    CONSTRAINT uk_holdfast_mailbox_frame_call UNIQUE (call_id),
    INDEX ix_holdfast_mailbox_frame_mailbox (mailbox_type, mailbox_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- holdfast_mailbox_result: what a frame's run left for its caller (outcome RETURNED with payload, or FAILED with the
-- exception), by call id, until expires_at by the database clock; expired rows are deleted by the store's sweep.
CREATE TABLE IF NOT EXISTS holdfast_mailbox_result (
    call_id VARCHAR(256) NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    payload LONGTEXT NULL,
    exception_type VARCHAR(512) NULL,
    message MEDIUMTEXT NULL,
    attempts INT NOT NULL,
    dead_lettered BOOLEAN NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_mailbox_result PRIMARY KEY (call_id),
    INDEX ix_holdfast_mailbox_result_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- holdfast_mailbox_dead_letter: frames moved out of their mailbox after their last attempt failed, with the reason,
-- until requeued or discarded.
CREATE TABLE IF NOT EXISTS holdfast_mailbox_dead_letter (
    seq BIGINT NOT NULL,
    mailbox_type VARCHAR(64) NOT NULL,
    mailbox_id VARBINARY(1024) NOT NULL,
    call_id VARCHAR(256) NOT NULL,
    payload LONGTEXT NOT NULL,
    chain TEXT NOT NULL,
    attempts INT NOT NULL,
    enqueued_at BIGINT NOT NULL,
    reason MEDIUMTEXT NOT NULL,
    dead_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_holdfast_mailbox_dead_letter PRIMARY KEY (seq),
    CONSTRAINT uk_holdfast_mailbox_dead_letter_call UNIQUE (call_id),
    INDEX ix_holdfast_mailbox_dead_letter_mailbox (mailbox_type, mailbox_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The hand-made PostgreSQL mailbox of the mailbox suite: a row per entity (locked FOR UPDATE by the caller that runs
-- the entity's calls) and a table of calls in arrival order, a call's result written in place until its caller takes it.
CREATE TABLE IF NOT EXISTS mbx_hand_entity (
    entity VARCHAR(256) PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS mbx_hand_call (
    seq BIGSERIAL PRIMARY KEY,
    entity VARCHAR(256) NOT NULL,
    call_id VARCHAR(64) NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    result TEXT
);
CREATE INDEX IF NOT EXISTS ix_mbx_hand_call_entity ON mbx_hand_call (entity, seq) WHERE result IS NULL;

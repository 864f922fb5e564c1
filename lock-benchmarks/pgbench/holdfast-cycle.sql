-- Holdfast's acquire + release on PostgreSQL as JdbcLockStore sends them (lock-store-postgresql.sql, statements
-- "acquire" in LOCK mode and "release"), each alone in autocommit; the release commits asynchronously.
WITH ins AS (
    INSERT INTO holdfast_lock AS l (lock_namespace, lock_id, owner, priority, holds, token, expires_at, created_at, updated_at)
    VALUES (CAST('bench' AS VARCHAR), CAST('pgbench-' || :client_id AS VARCHAR), CAST('owner-' || :client_id AS VARCHAR), CAST(0 AS INTEGER), 1, 1,
            CURRENT_TIMESTAMP + CAST(30000 AS BIGINT) * INTERVAL '1 millisecond', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
    ON CONFLICT (lock_namespace, lock_id) DO UPDATE SET owner = EXCLUDED.owner, priority = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP THEN l.priority ELSE EXCLUDED.priority END, holds = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP THEN l.holds + 1 ELSE 1 END, token = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP THEN l.token ELSE l.token + 1 END, expires_at = EXCLUDED.expires_at, created_at = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > CURRENT_TIMESTAMP THEN l.created_at ELSE EXCLUDED.created_at END, updated_at = EXCLUDED.updated_at
    WHERE l.owner IS NULL OR l.expires_at <= CURRENT_TIMESTAMP OR (CAST('LOCK' AS VARCHAR) = 'LOCK' AND l.owner = EXCLUDED.owner)
    RETURNING token, holds
), cur AS (
    SELECT owner, priority, holds, token, CAST(FLOOR(EXTRACT(EPOCH FROM (expires_at - CURRENT_TIMESTAMP)) * 1000) AS BIGINT) AS remaining_ms
    FROM holdfast_lock WHERE lock_namespace = CAST('bench' AS VARCHAR) AND lock_id = CAST('pgbench-' || :client_id AS VARCHAR) AND NOT EXISTS (SELECT 1 FROM ins)
    FOR UPDATE
)
SELECT token AS granted_token, holds AS granted_holds, NULL AS cur_owner, NULL AS cur_priority, NULL AS cur_holds, NULL AS cur_token, NULL AS cur_remaining_ms, NULL AS refused_commit FROM ins
UNION ALL
SELECT NULL, NULL, owner, priority, holds, token, remaining_ms, set_config('synchronous_commit', 'off', true) FROM cur;
WITH async AS (SELECT set_config('synchronous_commit', 'off', true) AS commit_mode)
UPDATE holdfast_lock SET holds = holds - 1, owner = CASE WHEN holds > 1 THEN owner END, priority = CASE WHEN holds > 1 THEN priority ELSE 0 END, expires_at = CASE WHEN holds > 1 THEN expires_at END, updated_at = CURRENT_TIMESTAMP
FROM async
WHERE lock_namespace = 'bench' AND lock_id = 'pgbench-' || :client_id AND owner = 'owner-' || :client_id AND (CAST(0 AS BIGINT) = 0 OR token = 0) AND expires_at > CURRENT_TIMESTAMP
RETURNING holds;

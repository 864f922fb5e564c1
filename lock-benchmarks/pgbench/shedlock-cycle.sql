-- ShedLock's JdbcTemplateLockProvider with usingDbTime() on PostgreSQL: lock (an UPDATE once the row exists) and
-- unlock, each in its own Spring transaction. The JDBC driver sends BEGIN with the statement (modelled by a
-- pipeline: one round trip), then COMMIT as a second round trip; both commits are synchronous.
\startpipeline
BEGIN;
UPDATE shedlock SET lock_until = timezone('utc', CURRENT_TIMESTAMP) + make_interval(secs => 30), locked_at = timezone('utc', CURRENT_TIMESTAMP), locked_by = 'pgbench' WHERE shedlock.name = 'pgbench-' || :client_id AND shedlock.lock_until <= timezone('utc', CURRENT_TIMESTAMP);
\endpipeline
COMMIT;
\startpipeline
BEGIN;
UPDATE shedlock SET lock_until = timezone('utc', CURRENT_TIMESTAMP) WHERE name = 'pgbench-' || :client_id;
\endpipeline
COMMIT;

-- One synchronous single-row UPDATE per transaction (autocommit): the database's ceiling for a statement that must
-- be durable before it answers, such as a grant. :client_id gives each client its own row.
UPDATE shedlock SET lock_until = timezone('utc', CURRENT_TIMESTAMP) WHERE name = 'pgbench-' || :client_id;

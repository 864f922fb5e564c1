-- Row-lock statements for PostgreSQL, in place of those of row-locks.sql of the same name.
-- PostgreSQL has no WAIT n: the timeout is set for the transaction while the rows are locked (timeout-set with the
-- timeout), then restored (timeout-set with what timeout-get read).

-- name: lock-timeout
SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE

-- name: timeout-get
SELECT current_setting('lock_timeout')

-- name: timeout-set
SELECT set_config('lock_timeout', ?, true)

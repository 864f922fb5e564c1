-- Row-lock statements, loaded once by JdbcRowLocker; a database's own file (row-locks-<database>.sql, named by Spring
-- Boot's DatabaseDriver id) replaces the statements it names. Each "-- name:" line starts a statement.
-- {table} and {id} are validated SQL identifiers (TableRow); {seconds} is the lock-wait timeout in seconds.

-- name: lock
SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE

-- name: lock-nowait
SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE NOWAIT

-- name: lock-skip-locked
SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE SKIP LOCKED

-- name: lock-timeout
SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE WAIT {seconds}

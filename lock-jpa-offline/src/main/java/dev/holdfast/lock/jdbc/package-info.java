/**
 * The database lock store: {@link dev.holdfast.lock.jdbc.JdbcLockStore} keeps locks in the {@code holdfast_lock}
 * table of PostgreSQL, MySQL/MariaDB or H2, and semaphores and read/write locks in the {@code holdfast_semaphore}
 * tables, with each platform's SQL in {@code lock-store-<platform>.sql} and {@code semaphore-<platform>.sql} beside it,
 * and wakes waiters by {@code LISTEN/NOTIFY} on PostgreSQL.
 */
@NullMarked
package dev.holdfast.lock.jdbc;

import org.jspecify.annotations.NullMarked;

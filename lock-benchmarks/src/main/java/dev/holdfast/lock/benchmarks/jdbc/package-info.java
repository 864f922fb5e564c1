/**
 * The {@code jdbc} suite: the database lock store against ShedLock's JDBC provider and Spring Integration's
 * {@code JdbcLockRegistry} on the local PostgreSQL.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;

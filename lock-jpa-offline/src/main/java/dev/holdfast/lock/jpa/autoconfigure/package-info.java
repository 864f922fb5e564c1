/**
 * Auto-configuration of the JPA module: ordered row locking ({@code holdfast.rows.*}) and, alongside, the lock table,
 * the database lock store and pessimistic offline locks.
 */
@NullMarked
package dev.holdfast.lock.jpa.autoconfigure;

import org.jspecify.annotations.NullMarked;

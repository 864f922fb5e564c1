/**
 * The lock tables: the {@link dev.holdfast.lock.jpa.OfflineLockEntry} JPA entity, the platform schema scripts
 * ({@code schema-<platform>.sql} beside these classes) and the helpers that load platform SQL and read the database
 * clock's timestamps.
 */
@NullMarked
package dev.holdfast.lock.jpa;

import org.jspecify.annotations.NullMarked;

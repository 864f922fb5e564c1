/**
 * Pessimistic offline locks (Fowler): {@link dev.holdfast.lock.jpa.offline.OfflineLocks} lets one owner at a time
 * edit a business object across requests, with idle expiry on the database clock; a lock is named by a
 * {@link dev.holdfast.lock.LockKey} whose namespace is the object's type. {@link
 * dev.holdfast.lock.jpa.offline.OfflineLocked} guards Spring MVC handlers and answers 412 Precondition Failed when
 * another owner holds the lock.
 */
@NullMarked
package dev.holdfast.lock.jpa.offline;

import org.jspecify.annotations.NullMarked;

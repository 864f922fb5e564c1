/**
 * Pessimistic offline locks (Fowler): {@link dev.holdfast.lock.jpa.offline.OfflineLocks} lets one holder at a time
 * edit a business object across requests, with idle expiry on the database clock; {@link
 * dev.holdfast.lock.jpa.offline.OfflineLocked} guards Spring MVC handlers and answers 412 Precondition Failed when
 * another holder has the lock.
 */
@NullMarked
package dev.holdfast.lock.jpa.offline;

import org.jspecify.annotations.NullMarked;

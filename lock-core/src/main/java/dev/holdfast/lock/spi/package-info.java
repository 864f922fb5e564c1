/**
 * The store SPI: {@link dev.holdfast.lock.spi.LockStore} is what a Redis, database or in-memory store implements,
 * one atomic store call per operation, each carrying the owner and the fencing token. Semaphores ({@link
 * dev.holdfast.lock.spi.SemaphoreStore}) and mailboxes ({@link dev.holdfast.lock.spi.MailboxStore}) are
 * added as sibling SPIs that a store class may implement beside it.
 */
@NullMarked
package dev.holdfast.lock.spi;

import org.jspecify.annotations.NullMarked;

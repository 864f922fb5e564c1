/**
 * Mailboxes: per-entity serial execution across instances (SPEC §7). Calls to a mailbox (a type and an entity id) are
 * appended as frames to its queue in a {@link dev.holdfast.lock.spi.MailboxStore} and run one at a time, in order, by
 * whichever caller holds the mailbox's lock, on any instance; each caller gets back its own result or exception.
 * {@link dev.holdfast.lock.mailbox.Mailboxes} is the entry point.
 */
@NullMarked
package dev.holdfast.lock.mailbox;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of mailboxes: the {@link dev.holdfast.lock.mailbox.Mailboxes} bean and the
 * {@link dev.holdfast.lock.spring.mailbox.Mailbox @Mailbox} advisor.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.mailbox;

import org.jspecify.annotations.NullMarked;

/**
 * The {@link dev.holdfast.lock.spring.mailbox.Mailbox @Mailbox} annotation and what applies it,
 * {@link dev.holdfast.lock.spring.mailbox.MailboxConfiguration}: a Spring AOP advisor that turns each call into a JSON
 * frame of the core's {@link dev.holdfast.lock.mailbox.Mailboxes}, one handler per mailbox type that runs a frame's
 * method on its bean, and the checks at startup (key expressions, and parameter and return types that must
 * round-trip through the application's {@code JsonMapper}).
 */
@NullMarked
package dev.holdfast.lock.spring.mailbox;

import org.jspecify.annotations.NullMarked;

package dev.holdfast.lock.spi;

import java.time.Duration;

/** What a {@link MailboxWatch} found when it looked: the waiter's result, a free mailbox lock, or its holder's time. */
public sealed interface MailboxProbe {

    /** The waiter's result is written: read it. */
    record ResultReady() implements MailboxProbe {}

    /** The mailbox lock is free: try it. */
    record LockFree() implements MailboxProbe {}

    /**
     * The mailbox lock is held and no result is there yet.
     *
     * @param remaining the holder's lease time left, {@link dev.holdfast.lock.LockRequest#FOREVER} for none
     */
    record LockHeld(Duration remaining) implements MailboxProbe {}
}

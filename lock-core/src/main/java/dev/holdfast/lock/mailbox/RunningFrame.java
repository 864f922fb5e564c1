package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Who runs a mailbox now, as the store shows it to any instance: the holder of the mailbox lock and, for an
 * at-least-once mailbox, the head frame it has begun.
 *
 * @param mailbox the mailbox
 * @param holder the owner of the mailbox lock: {@code <instance id>/mailbox/<run id>}
 * @param token the mailbox lock's fencing token
 * @param leaseRemaining the holder's lease time left (renewed by its watchdog while it runs)
 * @param callId the call id of the head frame once begun, or {@code null} between frames and for an at-most-once frame
 *     (taken off the queue before it runs)
 * @param attempt the attempt of that frame (1 for its first run), 0 when {@code callId} is {@code null}
 */
public record RunningFrame(
        LockKey mailbox,
        String holder,
        long token,
        Duration leaseRemaining,
        @Nullable String callId,
        int attempt) {}

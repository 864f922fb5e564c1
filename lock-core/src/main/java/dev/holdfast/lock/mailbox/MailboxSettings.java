package dev.holdfast.lock.mailbox;

import java.time.Duration;

/**
 * How the mailboxes of one type deliver and what they bound.
 *
 * @param mode when a frame leaves its mailbox
 * @param maxAttempts the runs a frame gets (at least once) before it moves to the dead letters, at least 1
 * @param backoff the pause between two attempts of a failed frame, while the mailbox stays locked; zero for none
 * @param maxDepth the most frames a mailbox holds: beyond it an enqueue is refused at once
 * @param maxFrameSize the largest payload accepted, in UTF-8 bytes
 * @param resultTtl how long a result is kept for its caller (a caller that died leaves one that expires)
 * @param lease the mailbox lock's lease, renewed by the watchdog while frames run
 */
public record MailboxSettings(
        DeliveryMode mode,
        int maxAttempts,
        Duration backoff,
        int maxDepth,
        int maxFrameSize,
        Duration resultTtl,
        Duration lease) {

    /** The settings of a type registered without any: at least once, 3 attempts, depth 10,000, 64 KiB frames. */
    public static final MailboxSettings DEFAULTS = new MailboxSettings(
            DeliveryMode.AT_LEAST_ONCE,
            3,
            Duration.ofMillis(100),
            10_000,
            64 * 1024,
            Duration.ofMinutes(10),
            Duration.ofSeconds(30));

    public MailboxSettings {
        if (mode == null) {
            throw new IllegalArgumentException("Mailbox setting 'mode' must not be null");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "Mailbox setting 'maxAttempts' must be at least 1, but was " + maxAttempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("Mailbox setting 'backoff' must not be negative, but was " + backoff);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("Mailbox setting 'maxDepth' must be at least 1, but was " + maxDepth);
        }
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException(
                    "Mailbox setting 'maxFrameSize' must be at least 1 byte, but was " + maxFrameSize);
        }
        positive("resultTtl", resultTtl);
        positive("lease", lease);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Mailbox setting '" + name + "' must be positive, but was " + value);
        }
    }

    /**
     * Return these settings with another delivery mode.
     *
     * @param mode the mode
     * @return the settings
     */
    public MailboxSettings withMode(DeliveryMode mode) {
        return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
    }

    /**
     * Return these settings with other attempts and backoff.
     *
     * @param maxAttempts the runs a frame gets
     * @param backoff the pause between two attempts
     * @return the settings
     */
    public MailboxSettings withAttempts(int maxAttempts, Duration backoff) {
        return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
    }

    /**
     * Return these settings with other bounds.
     *
     * @param maxDepth the most frames a mailbox holds
     * @param maxFrameSize the largest payload, in UTF-8 bytes
     * @return the settings
     */
    public MailboxSettings withLimits(int maxDepth, int maxFrameSize) {
        return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
    }

    /**
     * Return these settings with another result time-to-live.
     *
     * @param resultTtl how long a result is kept
     * @return the settings
     */
    public MailboxSettings withResultTtl(Duration resultTtl) {
        return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
    }

    /**
     * Return these settings with another lease for the mailbox lock.
     *
     * @param lease the lease
     * @return the settings
     */
    public MailboxSettings withLease(Duration lease) {
        return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
    }
}

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
     * Start building settings from {@link #DEFAULTS}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /**
     * Start building settings from these.
     *
     * @return a builder holding these settings
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link MailboxSettings}, validated on {@link #build()}; not thread-safe. */
    public static final class Builder {

        private DeliveryMode mode;

        private int maxAttempts;

        private Duration backoff;

        private int maxDepth;

        private int maxFrameSize;

        private Duration resultTtl;

        private Duration lease;

        private Builder(MailboxSettings from) {
            this.mode = from.mode;
            this.maxAttempts = from.maxAttempts;
            this.backoff = from.backoff;
            this.maxDepth = from.maxDepth;
            this.maxFrameSize = from.maxFrameSize;
            this.resultTtl = from.resultTtl;
            this.lease = from.lease;
        }

        /**
         * Set when a frame leaves its mailbox.
         *
         * @param mode the delivery mode
         * @return this builder
         */
        public Builder mode(DeliveryMode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * Set the runs an at-least-once frame gets before it moves to the dead letters, and the pause between them.
         *
         * @param maxAttempts the runs, at least 1
         * @param backoff the pause, zero for none
         * @return this builder
         */
        public Builder attempts(int maxAttempts, Duration backoff) {
            this.maxAttempts = maxAttempts;
            this.backoff = backoff;
            return this;
        }

        /**
         * Set the most frames a mailbox holds.
         *
         * @param maxDepth the depth, at least 1
         * @return this builder
         */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /**
         * Set the largest payload accepted.
         *
         * @param maxFrameSize the size in UTF-8 bytes, at least 1
         * @return this builder
         */
        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /**
         * Set how long a result is kept for its caller.
         *
         * @param resultTtl the time to live, positive
         * @return this builder
         */
        public Builder resultTtl(Duration resultTtl) {
            this.resultTtl = resultTtl;
            return this;
        }

        /**
         * Set the mailbox lock's lease, renewed by the watchdog while frames run.
         *
         * @param lease the lease, positive
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * Build the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException naming the setting at fault
         */
        public MailboxSettings build() {
            return new MailboxSettings(mode, maxAttempts, backoff, maxDepth, maxFrameSize, resultTtl, lease);
        }
    }
}

package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.mailbox.FrameRunner.Registration;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Builds {@link Mailboxes}: the types with their handlers and settings, validated as they are registered. */
public final class MailboxesBuilder {

    final LockOperations locks;

    final MailboxStore store;

    final Map<String, Registration> types = new LinkedHashMap<>();

    Duration callTimeout = Duration.ofMinutes(5);

    Clock clock = Clock.systemUTC();

    final List<MailboxListener> listeners = new ArrayList<>();

    @Nullable
    Executor executor;

    MailboxesBuilder(LockOperations locks, MailboxStore store) {
        this.locks = locks;
        this.store = store;
    }

    /**
     * Register a mailbox type with the {@link MailboxSettings#DEFAULTS default settings}.
     *
     * @param type the type: the namespace of its mailboxes' keys
     * @param handler runs its frames
     * @return this builder
     */
    public MailboxesBuilder register(String type, FrameHandler handler) {
        return register(type, MailboxSettings.DEFAULTS, handler);
    }

    /**
     * Register a mailbox type.
     *
     * @param type the type: the namespace of its mailboxes' keys (letters, digits, '.', '_', '-', at most 56)
     * @param settings how its mailboxes deliver and what they bound
     * @param handler runs its frames
     * @return this builder
     * @throws IllegalArgumentException when the type is not a valid name or is registered already
     */
    public MailboxesBuilder register(String type, MailboxSettings settings, FrameHandler handler) {
        try {
            MailboxStore.lockKey(new LockKey(type, "-"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "Mailbox type [" + type + "] is not a valid name (a lock namespace " + "of at most "
                            + (LockKey.MAX_NAMESPACE_LENGTH - 8) + " characters): " + ex.getMessage(),
                    ex);
        }
        if (types.containsKey(type)) {
            throw new IllegalArgumentException("Mailbox type [" + type + "] is registered already");
        }
        types.put(type, new Registration(type, settings, handler));
        return this;
    }

    /**
     * Set how long a call waits for its frame's result before it gives up (the frame stays queued); 5 minutes unless
     * set.
     *
     * @param callTimeout the longest wait, positive
     * @return this builder
     */
    public MailboxesBuilder callTimeout(Duration callTimeout) {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "Mailbox setting 'callTimeout' must be positive, but was " + callTimeout);
        }
        this.callTimeout = callTimeout;
        return this;
    }

    /**
     * Set the clock that stamps frames' enqueue time.
     *
     * @param clock the clock
     * @return this builder
     */
    public MailboxesBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Set the executor that waits for {@link Mailboxes#callAsync} results; daemon threads of the mailboxes' own,
     * stopped on {@link Mailboxes#close()}, unless set.
     *
     * @param executor the executor
     * @return this builder
     */
    public MailboxesBuilder executor(Executor executor) {
        this.executor = executor;
        return this;
    }

    /**
     * Add a listener told of enqueues, refusals and frame runs; each one added is told in turn, and one that throws
     * is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public MailboxesBuilder listener(MailboxListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("Mailbox listener must not be null");
        }
        listeners.add(listener);
        return this;
    }

    /**
     * Build the mailboxes.
     *
     * @return the mailboxes
     */
    public Mailboxes build() {
        return new Mailboxes(this);
    }
}

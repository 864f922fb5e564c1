package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one {@link Mailboxes}, each told in turn; one that throws is logged and the others still run. */
final class MailboxListeners implements MailboxListener {

    private static final Logger logger = LoggerFactory.getLogger(MailboxListeners.class);

    private final List<MailboxListener> listeners;

    MailboxListeners(List<MailboxListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEnqueued(LockKey mailbox, String callId) {
        tell("onEnqueued", mailbox, (listener) -> listener.onEnqueued(mailbox, callId));
    }

    @Override
    public void onRefused(LockKey mailbox, Refusal refusal) {
        tell("onRefused", mailbox, (listener) -> listener.onRefused(mailbox, refusal));
    }

    @Override
    public void onFrameStarted(MailboxContext frame) {
        tell("onFrameStarted", frame.mailbox(), (listener) -> listener.onFrameStarted(frame));
    }

    @Override
    public void onRedelivered(MailboxContext frame) {
        tell("onRedelivered", frame.mailbox(), (listener) -> listener.onRedelivered(frame));
    }

    @Override
    public void onFrameFinished(MailboxContext frame, Outcome outcome, Duration duration) {
        tell("onFrameFinished", frame.mailbox(), (listener) -> listener.onFrameFinished(frame, outcome, duration));
    }

    private void tell(String event, LockKey mailbox, Consumer<MailboxListener> call) {
        for (MailboxListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException ex) {
                logger.warn(
                        "Mailbox listener {} failed on {} for mailbox [{}]; ignored",
                        listener.getClass().getName(),
                        event,
                        mailbox,
                        ex);
            }
        }
    }
}

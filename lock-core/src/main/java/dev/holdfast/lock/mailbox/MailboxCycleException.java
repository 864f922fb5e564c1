package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Thrown at once when a frame calls a mailbox that is already on its call chain (directly or through other
 * mailboxes): the call would wait for itself. Nothing is enqueued.
 */
public class MailboxCycleException extends MailboxException {

    private final List<LockKey> chain;

    /**
     * Create an exception.
     *
     * @param chain the mailboxes the call came through, outermost first
     * @param target the mailbox called
     */
    public MailboxCycleException(List<LockKey> chain, LockKey target) {
        super("Call into mailbox [" + target + "] would wait for itself: cycle "
                + Stream.concat(chain.stream(), Stream.of(target))
                        .map((key) -> "[" + key + "]")
                        .collect(Collectors.joining(" -> ")));
        this.chain = List.copyOf(chain);
    }

    /**
     * Return the mailboxes the refused call came through, outermost first.
     *
     * @return the chain
     */
    public List<LockKey> chain() {
        return chain;
    }
}

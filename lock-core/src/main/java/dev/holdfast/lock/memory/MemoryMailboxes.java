package dev.holdfast.lock.memory;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxSummary;
import dev.holdfast.lock.spi.MailboxWatch;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of an {@link InMemoryLockStore}: queues, dead letters and results under one monitor, fenced by the
 * store's own locks, waking the store's waiters directly when a result is written.
 */
final class MemoryMailboxes implements MailboxStore {

    private final Clock clock;

    private final Function<LockKey, Optional<LockState>> locks;

    private final WaiterRegistry waiters;

    // Guarded by this.
    private final Map<LockKey, Deque<MailboxFrame>> queues = new HashMap<>();

    private final Map<LockKey, List<DeadLetter>> dead = new HashMap<>();

    private final Map<String, StoredResult> results = new HashMap<>();

    private long nextPurge;

    MemoryMailboxes(Clock clock, Function<LockKey, Optional<LockState>> locks, WaiterRegistry waiters) {
        this.clock = clock;
        this.locks = locks;
        this.waiters = waiters;
    }

    /** Return the name under which a mailbox's watches wait: apart from its lock's waiters, so none steals a wake. */
    static String name(LockKey lockKey) {
        return "mailbox-watch|" + lockKey;
    }

    @Override
    public synchronized boolean enqueue(MailboxFrame frame, int maxDepth) {
        Deque<MailboxFrame> queue = queues.computeIfAbsent(frame.mailbox(), (key) -> new ArrayDeque<>());
        if (queue.size() >= maxDepth) {
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    @Override
    public synchronized Optional<MailboxFrame> head(LockKey mailbox) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        return (queue != null) ? Optional.ofNullable(queue.peekFirst()) : Optional.empty();
    }

    @Override
    public synchronized int depth(LockKey mailbox) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        return (queue != null) ? queue.size() : 0;
    }

    @Override
    public synchronized Optional<MailboxFrame> begin(LockKey mailbox, String callId, long token) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        if (!fenced(mailbox, token) || queue == null || !isHead(queue, callId)) {
            return Optional.empty();
        }
        MailboxFrame begun = queue.pollFirst().begun();
        queue.addFirst(begun);
        return Optional.of(begun);
    }

    @Override
    public synchronized Optional<MailboxFrame> take(LockKey mailbox, String callId, long token) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        if (!fenced(mailbox, token) || queue == null || !isHead(queue, callId)) {
            return Optional.empty();
        }
        MailboxFrame taken = queue.pollFirst().begun();
        dropIfEmpty(mailbox, queue);
        return Optional.of(taken);
    }

    @Override
    public boolean complete(LockKey mailbox, String callId, long token, FrameResult result, Duration ttl) {
        synchronized (this) {
            if (queued(mailbox, callId) && !fenced(mailbox, token)) {
                return false;
            }
            remove(mailbox, callId);
            purgeExpired();
            results.putIfAbsent(callId, new StoredResult(result, expiry(ttl)));
        }
        waiters.resultWritten(name(MailboxStore.lockKey(mailbox)), callId);
        return true;
    }

    @Override
    public boolean deadLetter(LockKey mailbox, String callId, long token, FrameResult.Failed failure, Duration ttl) {
        synchronized (this) {
            if (!fenced(mailbox, token)) {
                return false;
            }
            MailboxFrame frame = remove(mailbox, callId);
            if (frame == null) {
                return false;
            }
            dead.computeIfAbsent(mailbox, (key) -> new ArrayList<>())
                    .add(new DeadLetter(frame, failure.describe(), clock.instant()));
            purgeExpired();
            results.put(callId, new StoredResult(failure, expiry(ttl)));
        }
        waiters.resultWritten(name(MailboxStore.lockKey(mailbox)), callId);
        return true;
    }

    @Override
    public synchronized Optional<FrameResult> result(String callId) {
        StoredResult stored = results.get(callId);
        if (stored == null || stored.expiresAt <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(stored.result);
    }

    @Override
    public synchronized List<LockKey> mailboxesWithWork(String type, int limit) {
        return queues.keySet().stream()
                .filter((key) -> key.namespace().equals(type))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<LockKey> mailboxesWithDeadLetters(String type, int limit) {
        return dead.keySet().stream()
                .filter((key) -> key.namespace().equals(type))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized MailboxSummary summary(String type) {
        long depth = 0;
        long mailboxes = 0;
        Instant oldest = null;
        for (Map.Entry<LockKey, Deque<MailboxFrame>> queue : queues.entrySet()) {
            MailboxFrame head = queue.getValue().peekFirst();
            if (queue.getKey().namespace().equals(type) && head != null) {
                mailboxes++;
                depth += queue.getValue().size();
                oldest = (oldest == null || head.enqueuedAt().isBefore(oldest)) ? head.enqueuedAt() : oldest;
            }
        }
        long letters = 0;
        long withLetters = 0;
        for (Map.Entry<LockKey, List<DeadLetter>> box : dead.entrySet()) {
            if (box.getKey().namespace().equals(type)) {
                withLetters++;
                letters += box.getValue().size();
            }
        }
        return new MailboxSummary(type, depth, mailboxes, oldest, letters, withLetters);
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(LockKey mailbox) {
        return List.copyOf(dead.getOrDefault(mailbox, List.of()));
    }

    @Override
    public synchronized boolean requeue(LockKey mailbox, String callId) {
        DeadLetter letter = removeDead(mailbox, callId);
        if (letter == null) {
            return false;
        }
        results.remove(callId);
        queues.computeIfAbsent(mailbox, (key) -> new ArrayDeque<>())
                .addLast(letter.frame().requeued());
        return true;
    }

    @Override
    public synchronized boolean discard(LockKey mailbox, String callId) {
        return removeDead(mailbox, callId) != null;
    }

    @Override
    public MailboxWatch watch(LockKey mailbox, @Nullable String callId) {
        LockKey lockKey = MailboxStore.lockKey(mailbox);
        return waiters.watchMailbox(name(lockKey), callId, () -> {
            if (callId != null && result(mailbox, callId).isPresent()) {
                return new MailboxProbe.ResultReady();
            }
            return locks.apply(lockKey)
                    .<MailboxProbe>map((holder) -> new MailboxProbe.LockHeld(holder.remaining()))
                    .orElseGet(MailboxProbe.LockFree::new);
        });
    }

    private boolean fenced(LockKey mailbox, long token) {
        return locks.apply(MailboxStore.lockKey(mailbox))
                .filter((holder) -> holder.token() == token)
                .isPresent();
    }

    private boolean queued(LockKey mailbox, String callId) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        return queue != null
                && queue.stream().anyMatch((frame) -> frame.callId().equals(callId));
    }

    private static boolean isHead(Deque<MailboxFrame> queue, String callId) {
        MailboxFrame head = queue.peekFirst();
        return head != null && head.callId().equals(callId);
    }

    private @Nullable MailboxFrame remove(LockKey mailbox, String callId) {
        Deque<MailboxFrame> queue = queues.get(mailbox);
        if (queue == null) {
            return null;
        }
        for (Iterator<MailboxFrame> frames = queue.iterator(); frames.hasNext(); ) {
            MailboxFrame frame = frames.next();
            if (frame.callId().equals(callId)) {
                frames.remove();
                dropIfEmpty(mailbox, queue);
                return frame;
            }
        }
        return null;
    }

    private @Nullable DeadLetter removeDead(LockKey mailbox, String callId) {
        List<DeadLetter> letters = dead.get(mailbox);
        if (letters == null) {
            return null;
        }
        for (Iterator<DeadLetter> it = letters.iterator(); it.hasNext(); ) {
            DeadLetter letter = it.next();
            if (letter.frame().callId().equals(callId)) {
                it.remove();
                if (letters.isEmpty()) {
                    dead.remove(mailbox);
                }
                return letter;
            }
        }
        return null;
    }

    private void dropIfEmpty(LockKey mailbox, Deque<MailboxFrame> queue) {
        if (queue.isEmpty()) {
            queues.remove(mailbox);
        }
    }

    /** Drop expired results, at most once a second so that a busy store does not scan them on every write. */
    private void purgeExpired() {
        long now = clock.millis();
        if (now >= nextPurge) {
            nextPurge = now + 1000;
            results.values().removeIf((stored) -> stored.expiresAt <= now);
        }
    }

    private long expiry(Duration ttl) {
        return clock.millis() + ttl.toMillis();
    }

    private record StoredResult(FrameResult result, long expiresAt) {}
}

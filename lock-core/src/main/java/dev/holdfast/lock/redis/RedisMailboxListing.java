package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.MailboxSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's views over the mailboxes of one type: a type's mailboxes spread over hash slots, so they are found
 * by {@code SCAN} (of queues, or of dead letters' order lists: keys that Redis deletes with their last entry), and a
 * type's summary reads each mailbox found with one script ({@code mailbox-summary.lua}).
 */
final class RedisMailboxListing {

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    RedisMailboxListing(ScriptRunner scripts, RedisKeys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    /** Return up to {@code limit} mailboxes of a type that hold frames. */
    List<LockKey> withWork(String type, int limit) {
        return List.copyOf(scan(type, keys.mailboxQueuePattern(type), keys::parseMailboxQueue, limit));
    }

    /** Return up to {@code limit} mailboxes of a type that hold dead letters. */
    List<LockKey> withDeadLetters(String type, int limit) {
        return List.copyOf(scan(type, keys.mailboxDeadPattern(type), keys::parseMailboxDead, limit));
    }

    /** Count a type's frames, oldest head frame and dead letters: one scan of each kind, one script per mailbox. */
    MailboxSummary summary(String type) {
        Set<LockKey> found = scan(type, keys.mailboxQueuePattern(type), keys::parseMailboxQueue, Integer.MAX_VALUE);
        found.addAll(scan(type, keys.mailboxDeadPattern(type), keys::parseMailboxDead, Integer.MAX_VALUE));
        long depth = 0;
        long mailboxes = 0;
        long letters = 0;
        long withLetters = 0;
        Instant oldest = null;
        for (LockKey mailbox : found) {
            byte[][] box = keys.mailboxKeys(mailbox);
            List<Object> reply;
            try {
                reply = scripts.list(LuaScript.MAILBOX_SUMMARY, 3, box[1], box[2], box[3]);
            } catch (RuntimeException ex) {
                throw RedisFailures.failure("Mailbox", mailbox, "read (summary)", ex);
            }
            long frames = Replies.number(reply.get(0));
            long dead = Replies.number(reply.get(1));
            depth += frames;
            mailboxes += (frames > 0) ? 1 : 0;
            letters += dead;
            withLetters += (dead > 0) ? 1 : 0;
            Instant head = (reply.size() > 2) ? instant(Replies.text(reply.get(2))) : null;
            if (head != null && (oldest == null || head.isBefore(oldest))) {
                oldest = head;
            }
        }
        return new MailboxSummary(type, depth, mailboxes, oldest, letters, withLetters);
    }

    private Set<LockKey> scan(String type, String pattern, Function<String, @Nullable LockKey> parse, int limit) {
        Set<LockKey> found = new LinkedHashSet<>();
        if (limit <= 0) {
            return found;
        }
        try {
            scripts.scan(bytes(pattern), RedisLockStore.SCAN_COUNT, (page) -> {
                for (byte[] name : page) {
                    LockKey mailbox = parse.apply(Replies.text(name));
                    if (mailbox != null && mailbox.namespace().equals(type) && found.add(mailbox)) {
                        if (found.size() >= limit) {
                            return false;
                        }
                    }
                }
                return true;
            });
        } catch (RuntimeException ex) {
            throw new LockStoreException(
                    "Mailboxes of type [" + type + "] could not be listed: Redis failed (" + ex.getMessage() + ")", ex);
        }
        return found;
    }

    private static @Nullable Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}

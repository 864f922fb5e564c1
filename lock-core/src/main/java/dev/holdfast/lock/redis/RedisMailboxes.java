package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxSummary;
import dev.holdfast.lock.spi.MailboxWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's mailboxes: each step is one script on the keys of one mailbox, which share the hash tag of the
 * mailbox lock and so its slot; the steps of the mailbox's runner check the lock hash's token in the same script.
 * A mailbox is a list of call ids (its queue) and a hash of its frames; its dead letters a list and a hash; a result a
 * string in the mailbox's slot with a TTL ({@code PX}), and a key per call id (same TTL, written just before) that
 * points {@link #result} at it. Writing a result publishes its call id and mailbox on the release channel, which wakes
 * the watch of that call only; a release of the mailbox lock wakes one of the mailbox's watches.
 */
final class RedisMailboxes implements MailboxStore {

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final byte[] channel;

    private final ReleaseSubscription subscription;

    private final Function<LockKey, Optional<LockState>> locks;

    private final RedisMailboxListing listing;

    RedisMailboxes(
            ScriptRunner scripts,
            RedisKeys keys,
            byte[] channel,
            ReleaseSubscription subscription,
            Function<LockKey, Optional<LockState>> locks) {
        this.scripts = scripts;
        this.keys = keys;
        this.channel = channel;
        this.subscription = subscription;
        this.locks = locks;
        this.listing = new RedisMailboxListing(scripts, keys);
    }

    @Override
    public boolean enqueue(MailboxFrame frame, int maxDepth) {
        byte[][] mailbox = keys.mailboxKeys(frame.mailbox());
        return call(
                frame.mailbox(),
                "appended to",
                () -> scripts.number(
                                LuaScript.MAILBOX_ENQUEUE,
                                2,
                                mailbox[1],
                                mailbox[2],
                                bytes(frame.callId()),
                                bytes(MailboxCodec.frame(frame)),
                                bytes(maxDepth))
                        == 1);
    }

    @Override
    public Optional<MailboxFrame> head(LockKey mailbox) {
        List<Object> reply = headReply(mailbox);
        if (reply.size() < 4 || reply.get(2) == null) {
            return Optional.empty();
        }
        return Optional.of(MailboxCodec.frame(
                Replies.text(reply.get(1)),
                mailbox,
                Replies.text(reply.get(2)),
                Integer.parseInt(Replies.text(reply.get(3)))));
    }

    @Override
    public int depth(LockKey mailbox) {
        return (int) Replies.number(headReply(mailbox).get(0));
    }

    @Override
    public Optional<MailboxFrame> begin(LockKey mailbox, String callId, long token) {
        return step(LuaScript.MAILBOX_BEGIN, mailbox, callId, token, "changed (begin of a call)");
    }

    @Override
    public Optional<MailboxFrame> take(LockKey mailbox, String callId, long token) {
        return step(LuaScript.MAILBOX_TAKE, mailbox, callId, token, "changed (take of a call)");
    }

    @Override
    public boolean complete(LockKey mailbox, String callId, long token, FrameResult result, Duration ttl) {
        byte[][] box = keys.mailboxKeys(mailbox);
        return call(mailbox, "changed (result of call [" + callId + "])", () -> {
            pointAt(mailbox, callId, ttl);
            return scripts.number(
                            LuaScript.MAILBOX_COMPLETE,
                            4,
                            box[0],
                            box[1],
                            box[2],
                            resultKey(mailbox, callId),
                            bytes(callId),
                            bytes(token),
                            bytes(MailboxCodec.result(result)),
                            bytes(millis(ttl)),
                            channel,
                            bytes(keys.mailboxResultMessage(mailbox, callId)))
                    == 1;
        });
    }

    @Override
    public boolean deadLetter(LockKey mailbox, String callId, long token, FrameResult.Failed failure, Duration ttl) {
        byte[][] box = keys.mailboxKeys(mailbox);
        return call(mailbox, "changed (dead letter of call [" + callId + "])", () -> {
            pointAt(mailbox, callId, ttl);
            return scripts.number(
                            LuaScript.MAILBOX_DEAD_LETTER,
                            6,
                            box[0],
                            box[1],
                            box[2],
                            box[3],
                            box[4],
                            resultKey(mailbox, callId),
                            bytes(callId),
                            bytes(token),
                            bytes(failure.describe()),
                            bytes(MailboxCodec.result(failure)),
                            bytes(millis(ttl)),
                            channel,
                            bytes(keys.mailboxResultMessage(mailbox, callId)))
                    == 1;
        });
    }

    @Override
    public Optional<FrameResult> result(String callId) {
        try {
            List<Object> tag = scripts.list(LuaScript.MAILBOX_CALL, 1, bytes(keys.mailboxCall(callId)));
            if (tag.isEmpty()) {
                return Optional.empty();
            }
            byte[] key = bytes(keys.mailboxResult(Replies.text(tag.get(0)), callId));
            List<Object> result = scripts.list(LuaScript.MAILBOX_CALL, 1, key);
            return result.isEmpty() ? Optional.empty() : Optional.of(MailboxCodec.result(Replies.text(result.get(0))));
        } catch (RuntimeException ex) {
            throw new LockStoreException(
                    "Result of call [" + callId + "] could not be read: Redis failed (" + ex.getMessage() + ")", ex);
        }
    }

    @Override
    public Optional<FrameResult> result(LockKey mailbox, String callId) {
        List<Object> result = call(
                mailbox,
                "read (result of call [" + callId + "])",
                () -> scripts.list(LuaScript.MAILBOX_CALL, 1, resultKey(mailbox, callId)));
        return result.isEmpty() ? Optional.empty() : Optional.of(MailboxCodec.result(Replies.text(result.get(0))));
    }

    @Override
    public List<LockKey> mailboxesWithWork(String type, int limit) {
        return listing.withWork(type, limit);
    }

    @Override
    public List<LockKey> mailboxesWithDeadLetters(String type, int limit) {
        return listing.withDeadLetters(type, limit);
    }

    @Override
    public MailboxSummary summary(String type) {
        return listing.summary(type);
    }

    @Override
    public List<DeadLetter> deadLetters(LockKey mailbox) {
        byte[][] box = keys.mailboxKeys(mailbox);
        List<Object> reply = call(
                mailbox, "read (dead letters)", () -> scripts.list(LuaScript.MAILBOX_DEAD_LETTERS, 2, box[3], box[4]));
        List<DeadLetter> letters = new ArrayList<>(reply.size() / 5);
        for (int i = 0; i + 4 < reply.size(); i += 5) {
            MailboxFrame frame = MailboxCodec.frame(
                    Replies.text(reply.get(i)),
                    mailbox,
                    Replies.text(reply.get(i + 1)),
                    Integer.parseInt(Replies.text(reply.get(i + 2))));
            Instant deadAt = Instant.ofEpochMilli(Long.parseLong(Replies.text(reply.get(i + 4))));
            letters.add(new DeadLetter(frame, Replies.text(reply.get(i + 3)), deadAt));
        }
        return letters;
    }

    @Override
    public boolean requeue(LockKey mailbox, String callId) {
        return settleDeadLetter(mailbox, callId, true);
    }

    @Override
    public boolean discard(LockKey mailbox, String callId) {
        return settleDeadLetter(mailbox, callId, false);
    }

    @Override
    public MailboxWatch watch(LockKey mailbox, @Nullable String callId) {
        LockKey lockKey = MailboxStore.lockKey(mailbox);
        subscription.ensureSubscribed();
        return subscription.waiters().watchMailbox(keys.mailbox(mailbox), callId, () -> {
            if (callId != null && result(mailbox, callId).isPresent()) {
                return new MailboxProbe.ResultReady();
            }
            return locks.apply(lockKey)
                    .<MailboxProbe>map((holder) -> new MailboxProbe.LockHeld(holder.remaining()))
                    .orElseGet(MailboxProbe.LockFree::new);
        });
    }

    private boolean settleDeadLetter(LockKey mailbox, String callId, boolean requeue) {
        byte[][] box = keys.mailboxKeys(mailbox);
        return call(
                mailbox,
                (requeue ? "changed (requeue of call [" : "changed (discard of call [") + callId + "])",
                () -> scripts.number(
                                LuaScript.MAILBOX_REQUEUE,
                                5,
                                box[1],
                                box[2],
                                box[3],
                                box[4],
                                resultKey(mailbox, callId),
                                bytes(callId),
                                bytes(requeue ? "1" : "0"))
                        == 1);
    }

    private List<Object> headReply(LockKey mailbox) {
        byte[][] box = keys.mailboxKeys(mailbox);
        return call(mailbox, "read", () -> scripts.list(LuaScript.MAILBOX_HEAD, 2, box[1], box[2]));
    }

    private Optional<MailboxFrame> step(LuaScript script, LockKey mailbox, String callId, long token, String what) {
        byte[][] box = keys.mailboxKeys(mailbox);
        List<Object> reply =
                call(mailbox, what, () -> scripts.list(script, 3, box[0], box[1], box[2], bytes(callId), bytes(token)));
        if (reply.size() < 2 || reply.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(
                MailboxCodec.frame(callId, mailbox, Replies.text(reply.get(0)), (int) Replies.number(reply.get(1))));
    }

    /** Point the call id at its mailbox before the result is written, so that a reader finds it once it is. */
    private void pointAt(LockKey mailbox, String callId, Duration ttl) {
        scripts.list(
                LuaScript.MAILBOX_CALL,
                1,
                bytes(keys.mailboxCall(callId)),
                bytes(keys.mailboxTag(mailbox)),
                bytes(millis(ttl)));
    }

    private byte[] resultKey(LockKey mailbox, String callId) {
        return bytes(keys.mailboxResult(keys.mailboxTag(mailbox), callId));
    }

    private static long millis(Duration ttl) {
        return Math.max(1, ttl.toMillis());
    }

    private static <T> T call(LockKey mailbox, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException ex) {
            throw RedisFailures.failure("Mailbox", mailbox, what, ex);
        }
    }
}

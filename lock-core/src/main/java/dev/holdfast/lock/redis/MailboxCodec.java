package dev.holdfast.lock.redis;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the Redis store writes a frame (less its call id, mailbox and attempts, which its scripts keep apart) and a
 * result as one string: fields of the form {@code <length>:<text>} one after the other ({@code -} for none), so that
 * any payload, id or message reads back exactly.
 */
final class MailboxCodec {

    private MailboxCodec() {}

    static String frame(MailboxFrame frame) {
        StringBuilder out = new StringBuilder(frame.payload().length() + 64);
        field(out, frame.enqueuedAt().toString());
        field(out, Integer.toString(frame.chain().size()));
        for (LockKey key : frame.chain()) {
            field(out, key.namespace());
            field(out, key.id());
        }
        field(out, frame.payload());
        return out.toString();
    }

    static MailboxFrame frame(String callId, LockKey mailbox, String body, int attempts) {
        Reader in = new Reader(body);
        Instant enqueuedAt = Instant.parse(in.required());
        int links = Integer.parseInt(in.required());
        List<LockKey> chain = new ArrayList<>(links);
        for (int i = 0; i < links; i++) {
            chain.add(new LockKey(in.required(), in.required()));
        }
        return new MailboxFrame(callId, mailbox, in.required(), chain, attempts, enqueuedAt);
    }

    static String result(FrameResult result) {
        StringBuilder out = new StringBuilder();
        if (result instanceof FrameResult.Failed failed) {
            field(out, "F");
            field(out, failed.exceptionType());
            field(out, failed.message());
            field(out, Integer.toString(failed.attempts()));
            field(out, failed.deadLettered() ? "1" : "0");
        } else {
            field(out, "R");
            field(out, ((FrameResult.Returned) result).payload());
        }
        return out.toString();
    }

    static FrameResult result(String text) {
        Reader in = new Reader(text);
        if (in.required().equals("R")) {
            return new FrameResult.Returned(in.next());
        }
        return new FrameResult.Failed(
                in.required(),
                in.next(),
                Integer.parseInt(in.required()),
                in.required().equals("1"));
    }

    private static void field(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private static final class Reader {

        private final String text;

        private int at;

        Reader(String text) {
            this.text = text;
        }

        @Nullable
        String next() {
            if (text.charAt(at) == '-') {
                at++;
                return null;
            }
            int colon = text.indexOf(':', at);
            int length = Integer.parseInt(text.substring(at, colon));
            at = colon + 1 + length;
            return text.substring(colon + 1, at);
        }

        String required() {
            String value = next();
            if (value == null) {
                throw new IllegalStateException("Mailbox entry is malformed at " + at + ": [" + text + "]");
            }
            return value;
        }
    }
}

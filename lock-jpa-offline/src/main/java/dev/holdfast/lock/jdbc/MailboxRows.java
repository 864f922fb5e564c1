package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rows of the mailbox tables as {@link JdbcMailboxes} reads and writes them: a frame's chain as one text column
 * ({@code length ':' namespace length ':' id} per mailbox, outermost first), its enqueue time as nanoseconds since the
 * epoch (the enqueuing instance's clock, kept to the nanosecond), a result as an outcome ({@code RETURNED} or
 * {@code FAILED}) with the columns of its kind.
 */
final class MailboxRows {

    static final String RETURNED = "RETURNED";

    static final String FAILED = "FAILED";

    private MailboxRows() {}

    /** A queued frame and its place in the table. */
    record Queued(long seq, MailboxFrame frame) {}

    static String chain(List<LockKey> chain) {
        StringBuilder text = new StringBuilder();
        for (LockKey key : chain) {
            text.append(key.namespace().length()).append(':').append(key.namespace());
            text.append(key.id().length()).append(':').append(key.id());
        }
        return text.toString();
    }

    static List<LockKey> chain(String text) {
        List<LockKey> chain = new ArrayList<>();
        int[] at = {0};
        while (at[0] < text.length()) {
            String namespace = part(text, at);
            chain.add(new LockKey(namespace, part(text, at)));
        }
        return chain;
    }

    private static String part(String text, int[] at) {
        int colon = text.indexOf(':', at[0]);
        int length = Integer.parseInt(text.substring(at[0], colon));
        at[0] = colon + 1 + length;
        return text.substring(colon + 1, at[0]);
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static @Nullable Queued queued(ResultSet rs, LockKey mailbox) throws SQLException {
        return rs.next() ? new Queued(rs.getLong("seq"), frame(rs, mailbox, rs.getInt("attempts"))) : null;
    }

    private static MailboxFrame frame(ResultSet rs, LockKey mailbox, int attempts) throws SQLException {
        return new MailboxFrame(
                rs.getString("call_id"),
                mailbox,
                rs.getString("payload"),
                chain(rs.getString("chain")),
                attempts,
                Instant.ofEpochSecond(0, rs.getLong("enqueued_at")));
    }

    static List<DeadLetter> deadLetters(ResultSet rs, LockKey mailbox, LockTablePlatform platform) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        while (rs.next()) {
            letters.add(new DeadLetter(
                    frame(rs, mailbox, rs.getInt("attempts")),
                    rs.getString("reason"),
                    Objects.requireNonNull(platform.readInstant(rs, "dead_at"))));
        }
        return letters;
    }

    static @Nullable FrameResult result(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        if (RETURNED.equals(rs.getString("outcome"))) {
            return new FrameResult.Returned(rs.getString("payload"));
        }
        return new FrameResult.Failed(
                rs.getString("exception_type"),
                rs.getString("message"),
                rs.getInt("attempts"),
                rs.getBoolean("dead_lettered"));
    }

    /** The parameters of {@code put-result}: the call id, the result's columns, the time to live. */
    static Object[] result(String callId, FrameResult result, long ttlMillis) {
        if (result instanceof FrameResult.Failed failed) {
            return new Object[] {
                callId,
                FAILED,
                null,
                failed.exceptionType(),
                failed.message(),
                failed.attempts(),
                failed.deadLettered(),
                ttlMillis
            };
        }
        return new Object[] {
            callId, RETURNED, ((FrameResult.Returned) result).payload(), null, null, 0, false, ttlMillis
        };
    }

    /** Read the row of the {@code summary} statement: counts, the oldest head frame's enqueue time in ns (or null). */
    static MailboxSummary summary(ResultSet rs, String type) throws SQLException {
        long depth = rs.getLong(1);
        long mailboxes = rs.getLong(2);
        long oldest = rs.getLong(3);
        Instant oldestAt = rs.wasNull() ? null : Instant.ofEpochSecond(0, oldest);
        return new MailboxSummary(type, depth, mailboxes, oldestAt, rs.getLong(4), rs.getLong(5));
    }
}

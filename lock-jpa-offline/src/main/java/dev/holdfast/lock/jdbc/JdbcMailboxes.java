package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jdbc.MailboxRows.Queued;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxSummary;
import dev.holdfast.lock.spi.MailboxWatch;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of a {@link JdbcLockStore}, on the tables {@code holdfast_mailbox_frame},
 * {@code holdfast_mailbox_result} and {@code holdfast_mailbox_dead_letter}, with each platform's SQL in
 * {@code mailbox-<platform>.sql}. A step of a mailbox's runner ({@code begin}, {@code take}, {@code complete},
 * {@code deadLetter}) is one short transaction that first locks the mailbox lock's {@code holdfast_lock} row while the
 * runner's token holds it (by the database clock), so a stale holder changes nothing; a requeue is one short
 * transaction that locks the dead letter; every other step is one statement. On PostgreSQL a written result sends a
 * NOTIFY in its step's transaction, and callers of a store that listens wait for it (and for the mailbox lock's
 * release); elsewhere callers poll with backoff, and are woken at once by what this store itself writes or releases.
 * Thread-safe.
 */
final class JdbcMailboxes implements MailboxStore {

    private static final List<String> TABLES =
            List.of("holdfast_mailbox_frame", "holdfast_mailbox_result", "holdfast_mailbox_dead_letter");

    /** The longest call id the frame table holds. */
    private static final int MAX_CALL_ID = 256;

    private final JdbcCalls calls;

    private final SqlStatements sql;

    private final LockTablePlatform platform;

    private final Function<LockKey, Optional<LockState>> locks;

    private final @Nullable PostgresNotifications notifications;

    /** Whether a written result sends a NOTIFY: on PostgreSQL always, for callers of other stores that listen. */
    private final boolean notify;

    /** The callers that poll: on databases without notifications, or while nobody can listen. */
    private final WaiterRegistry polling = new WaiterRegistry(Duration.ofSeconds(2), () -> false);

    JdbcMailboxes(
            JdbcCalls calls,
            LockTablePlatform platform,
            Function<LockKey, Optional<LockState>> locks,
            @Nullable PostgresNotifications notifications) {
        this.calls = calls;
        this.platform = platform;
        this.sql = platform.statements("dev/holdfast/lock/jdbc/mailbox");
        this.locks = locks;
        this.notifications = notifications;
        this.notify = platform == LockTablePlatform.POSTGRESQL;
    }

    /**
     * Check that the mailbox tables exist, with every column this version needs.
     *
     * @throws LockTableMissingException naming the first table that does not
     */
    void verifyTables() {
        for (String table : TABLES) {
            try {
                this.calls.run((connection) -> {
                    try (PreparedStatement statement = connection.prepareStatement(this.sql.get("check-" + table));
                            ResultSet rs = statement.executeQuery()) {
                        return rs.next();
                    }
                });
            } catch (SQLException ex) {
                throw new LockTableMissingException(table, this.platform.id(), ex);
            }
        }
    }

    @Override
    public boolean enqueue(MailboxFrame frame, int maxDepth) {
        LockKey mailbox = frame.mailbox();
        if (frame.callId().length() > MAX_CALL_ID) {
            throw new IllegalArgumentException("Call id of a frame for mailbox [" + mailbox + "] must be at most "
                    + MAX_CALL_ID + " characters, but was [" + frame.callId() + "]");
        }
        return this.calls.call(
                "enqueue",
                mailbox,
                (connection) -> JdbcCalls.update(
                                connection,
                                this.sql.get("enqueue"),
                                mailbox.namespace(),
                                mailbox.id(),
                                frame.callId(),
                                frame.payload(),
                                MailboxRows.chain(frame.chain()),
                                MailboxRows.nanos(frame.enqueuedAt()),
                                mailbox.namespace(),
                                mailbox.id(),
                                maxDepth)
                        > 0);
    }

    @Override
    public Optional<MailboxFrame> head(LockKey mailbox) {
        return this.calls.call(
                "head",
                mailbox,
                (connection) -> Optional.ofNullable(head(connection, mailbox)).map(Queued::frame));
    }

    @Override
    public int depth(LockKey mailbox) {
        return this.calls.call("depth", mailbox, (connection) -> {
            try (PreparedStatement statement =
                            JdbcCalls.prepare(connection, this.sql.get("depth"), mailbox.namespace(), mailbox.id());
                    ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Override
    public Optional<MailboxFrame> begin(LockKey mailbox, String callId, long token) {
        return headStep("begin", mailbox, callId, token, "begin");
    }

    @Override
    public Optional<MailboxFrame> take(LockKey mailbox, String callId, long token) {
        return headStep("take", mailbox, callId, token, "delete-frame");
    }

    /** Fenced: when the head frame is the call's, change it with a statement by its seq and return it as begun. */
    private Optional<MailboxFrame> headStep(
            String operation, LockKey mailbox, String callId, long token, String change) {
        return this.calls.call(
                operation,
                mailbox,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    Queued head = fenced(tx, mailbox, token) ? head(tx, mailbox) : null;
                    if (head == null || !head.frame().callId().equals(callId)) {
                        return Optional.<MailboxFrame>empty();
                    }
                    JdbcCalls.update(tx, this.sql.get(change), head.seq());
                    return Optional.of(head.frame().begun());
                }));
    }

    @Override
    public boolean complete(LockKey mailbox, String callId, long token, FrameResult result, Duration ttl) {
        boolean written = this.calls.call(
                "complete",
                mailbox,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    Queued queued = frame(tx, mailbox, callId);
                    if (queued != null) {
                        if (!fenced(tx, mailbox, token)) {
                            return false;
                        }
                        JdbcCalls.update(tx, this.sql.get("delete-frame"), queued.seq());
                    }
                    putResult(tx, mailbox, callId, result, ttl);
                    return true;
                }));
        if (written) {
            this.polling.resultWritten(NotificationPayload.ofMailbox(MailboxStore.lockKey(mailbox)), callId);
        }
        return written;
    }

    @Override
    public boolean deadLetter(LockKey mailbox, String callId, long token, FrameResult.Failed failure, Duration ttl) {
        boolean moved = this.calls.call(
                "dead-letter",
                mailbox,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    Queued queued = fenced(tx, mailbox, token) ? frame(tx, mailbox, callId) : null;
                    if (queued == null) {
                        return false;
                    }
                    JdbcCalls.update(tx, this.sql.get("bury"), failure.describe(), queued.seq());
                    JdbcCalls.update(tx, this.sql.get("delete-frame"), queued.seq());
                    JdbcCalls.update(tx, this.sql.get("delete-result"), callId);
                    putResult(tx, mailbox, callId, failure, ttl);
                    return true;
                }));
        if (moved) {
            this.polling.resultWritten(NotificationPayload.ofMailbox(MailboxStore.lockKey(mailbox)), callId);
        }
        return moved;
    }

    @Override
    public Optional<FrameResult> result(String callId) {
        return Optional.ofNullable(read("the result of call [" + callId + "]", (connection) -> {
            try (PreparedStatement statement = JdbcCalls.prepare(connection, this.sql.get("result"), callId);
                    ResultSet rs = statement.executeQuery()) {
                return MailboxRows.result(rs);
            }
        }));
    }

    @Override
    public List<LockKey> mailboxesWithWork(String type, int limit) {
        return mailboxesOfType(type, limit, "with-work", "with work");
    }

    @Override
    public List<LockKey> mailboxesWithDeadLetters(String type, int limit) {
        return mailboxesOfType(type, limit, "with-dead-letters", "with dead letters");
    }

    @Override
    public MailboxSummary summary(String type) {
        return read("the summary of mailbox type [" + type + "]", (connection) -> {
            try (PreparedStatement statement =
                            JdbcCalls.prepare(connection, this.sql.get("summary"), type, type, type, type, type);
                    ResultSet rs = statement.executeQuery()) {
                return rs.next() ? MailboxRows.summary(rs, type) : MailboxSummary.empty(type);
            }
        });
    }

    private List<LockKey> mailboxesOfType(String type, int limit, String statementName, String what) {
        if (limit <= 0) {
            return List.of();
        }
        return read("the mailboxes of type [" + type + "] " + what, (connection) -> {
            List<LockKey> mailboxes = new ArrayList<>();
            try (PreparedStatement statement = JdbcCalls.prepare(connection, this.sql.get(statementName), type, limit);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    mailboxes.add(new LockKey(type, rs.getString(1)));
                }
            }
            return mailboxes;
        });
    }

    @Override
    public List<DeadLetter> deadLetters(LockKey mailbox) {
        return this.calls.call("dead-letters", mailbox, (connection) -> {
            try (PreparedStatement statement = JdbcCalls.prepare(
                            connection, this.sql.get("dead-letters"), mailbox.namespace(), mailbox.id());
                    ResultSet rs = statement.executeQuery()) {
                return MailboxRows.deadLetters(rs, mailbox, this.platform);
            }
        });
    }

    @Override
    public boolean requeue(LockKey mailbox, String callId) {
        return this.calls.call(
                "requeue",
                mailbox,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    Long seq;
                    try (PreparedStatement statement = JdbcCalls.prepare(
                                    tx, this.sql.get("lock-dead-letter"), mailbox.namespace(), mailbox.id(), callId);
                            ResultSet rs = statement.executeQuery()) {
                        seq = rs.next() ? rs.getLong(1) : null;
                    }
                    if (seq == null) {
                        return false;
                    }
                    JdbcCalls.update(tx, this.sql.get("delete-result"), callId);
                    JdbcCalls.update(tx, this.sql.get("requeue"), seq);
                    JdbcCalls.update(tx, this.sql.get("delete-dead-letter"), mailbox.namespace(), mailbox.id(), callId);
                    return true;
                }));
    }

    @Override
    public boolean discard(LockKey mailbox, String callId) {
        return this.calls.call(
                "discard",
                mailbox,
                (connection) -> JdbcCalls.update(
                                connection,
                                this.sql.get("delete-dead-letter"),
                                mailbox.namespace(),
                                mailbox.id(),
                                callId)
                        > 0);
    }

    @Override
    public MailboxWatch watch(LockKey mailbox, @Nullable String callId) {
        LockKey lock = MailboxStore.lockKey(mailbox);
        Supplier<MailboxProbe> probe = () -> {
            if (callId != null && result(mailbox, callId).isPresent()) {
                return new MailboxProbe.ResultReady();
            }
            return this.locks
                    .apply(lock)
                    .<MailboxProbe>map((holder) -> new MailboxProbe.LockHeld(holder.remaining()))
                    .orElseGet(MailboxProbe.LockFree::new);
        };
        MailboxWatch notified =
                (this.notifications != null) ? this.notifications.watchMailbox(lock, callId, probe) : null;
        return (notified != null)
                ? notified
                : this.polling.watchMailbox(NotificationPayload.ofMailbox(lock), callId, probe);
    }

    /** Wake this store's polling callers of a mailbox whose lock this store released or expired. */
    void released(LockKey lock) {
        if (lock.namespace().startsWith("mailbox.")) {
            this.polling.released(NotificationPayload.ofMailbox(lock));
        }
    }

    /**
     * Delete the results that have expired, in batches.
     *
     * @param batch the most rows one statement deletes
     * @return how many rows were deleted
     */
    int deleteExpired(int batch) throws SQLException {
        int deleted = 0;
        int rows;
        do {
            rows = this.calls.run(
                    (connection) -> JdbcCalls.update(connection, this.sql.get("delete-expired-results"), batch));
            deleted += rows;
        } while (rows >= batch);
        return deleted;
    }

    private boolean fenced(Connection tx, LockKey mailbox, long token) throws SQLException {
        LockKey lock = MailboxStore.lockKey(mailbox);
        try (PreparedStatement statement =
                        JdbcCalls.prepare(tx, this.sql.get("fence"), lock.namespace(), lock.id(), token);
                ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    private @Nullable Queued head(Connection connection, LockKey mailbox) throws SQLException {
        try (PreparedStatement statement =
                        JdbcCalls.prepare(connection, this.sql.get("head"), mailbox.namespace(), mailbox.id());
                ResultSet rs = statement.executeQuery()) {
            return MailboxRows.queued(rs, mailbox);
        }
    }

    private @Nullable Queued frame(Connection connection, LockKey mailbox, String callId) throws SQLException {
        try (PreparedStatement statement = JdbcCalls.prepare(
                        connection, this.sql.get("frame"), mailbox.namespace(), mailbox.id(), callId);
                ResultSet rs = statement.executeQuery()) {
            return MailboxRows.queued(rs, mailbox);
        }
    }

    /** Write a result unless the call has one, and tell the mailbox's callers (PostgreSQL: on commit). */
    private void putResult(Connection tx, LockKey mailbox, String callId, FrameResult result, Duration ttl)
            throws SQLException {
        JdbcCalls.update(tx, this.sql.get("put-result"), MailboxRows.result(callId, result, ttl.toMillis()));
        if (this.notify) {
            try (PreparedStatement statement = JdbcCalls.prepare(
                            tx,
                            this.sql.get("notify"),
                            NotificationPayload.ofResult(MailboxStore.lockKey(mailbox), callId));
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
            }
        }
    }

    private <T> T read(String what, JdbcCalls.Work<T> work) {
        try {
            return this.calls.run(work);
        } catch (SQLException ex) {
            throw new LockStoreException(
                    "Reading " + what + " failed in the " + this.platform.id() + " lock store", ex);
        }
    }
}

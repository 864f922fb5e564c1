package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.MailboxContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A bean whose methods run through the mailboxes of type "ledger", one per account: it records the entries applied
 * to each account in order, and counts every time a frame of an account starts while another one of the same account
 * is running.
 */
public class Ledger {

    /** One entry, sent by a caller thread with its own sequence number. */
    public record Entry(String thread, int seq) {}

    /** A value with what must round-trip: a record, collections, Optional, java.time and a null. */
    public record Snapshot(
            String account,
            List<Entry> entries,
            Map<String, Integer> totals,
            Optional<String> note,
            Instant at,
            LocalDate day,
            Duration window,
            @Nullable String missing) {}

    /** A value whose JSON cannot be written when it holds "boom": its accessor throws. */
    public record Fragile(String value) {

        @Override
        public String value() {
            if (this.value.equals("boom")) {
                throw new IllegalStateException("cannot show boom");
            }
            return this.value;
        }
    }

    /** A checked exception the methods declare. */
    public static class LedgerException extends Exception {

        public LedgerException(String message) {
            super(message);
        }
    }

    private final Map<String, List<Entry>> applied = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    private final AtomicInteger overlaps = new AtomicInteger();

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    private final ObjectProvider<Ledger> self;

    private final ObjectProvider<Audit> audit;

    public Ledger(ObjectProvider<Ledger> self, ObjectProvider<Audit> audit) {
        this.self = self;
        this.audit = audit;
    }

    @Mailbox(type = "ledger", key = "#account")
    public String append(String account, Entry entry) {
        AtomicInteger inside = this.running.computeIfAbsent(account, (key) -> new AtomicInteger());
        if (inside.incrementAndGet() != 1) {
            this.overlaps.incrementAndGet();
        }
        try {
            List<Entry> entries = this.applied.computeIfAbsent(account, (key) -> new ArrayList<>());
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait();
            }
            entries.add(entry);
            return entry.thread() + "#" + entry.seq() + "@" + (entries.size() - 1);
        } finally {
            inside.decrementAndGet();
        }
    }

    @Mailbox(type = "ledger", key = "#account")
    public CompletableFuture<Integer> appendLater(String account, Entry entry) throws LedgerException {
        if (entry.seq() < 0) {
            throw new LedgerException("negative sequence " + entry.seq() + " for " + account);
        }
        append(account, entry);
        return CompletableFuture.completedFuture(entry.seq() * 10);
    }

    @Mailbox(type = "ledger", key = "#account")
    public void reject(String account, String reason) throws LedgerException {
        throw new LedgerException(reason);
    }

    @Mailbox(type = "ledger", key = "#account")
    public void refuse(String account, String reason) {
        throw new IllegalStateException(reason);
    }

    /** Calls its own mailbox through the proxy: the nested call must run inline, in the same frame. */
    @Mailbox(type = "ledger", key = "#account")
    public List<String> appendTwice(String account, Entry entry) {
        String outer = MailboxContext.current().orElseThrow().callId();
        String first = this.self.getObject().append(account, entry);
        String second = this.self.getObject().append(account, new Entry(entry.thread(), entry.seq() + 1));
        String inner = this.self.getObject().where(account);
        return List.of(first, second, outer, inner);
    }

    /** Calls another mailbox type from inside a frame. */
    @Mailbox(type = "ledger", key = "#account")
    public String transfer(String account, String to) {
        return this.audit.getObject().record(to, "from " + account);
    }

    /** Waits, inside the frame of one account, until a frame of another account has run. */
    @Mailbox(type = "ledger", key = "#account")
    public boolean hold(String account, String gate) throws InterruptedException {
        return gate(gate).await(20, TimeUnit.SECONDS);
    }

    @Mailbox(type = "ledger", key = "#account")
    public void open(String account, String gate) {
        gate(gate).countDown();
    }

    @Mailbox(type = "ledger", key = "#account")
    public Snapshot echo(String account, Snapshot snapshot) {
        return snapshot;
    }

    @Mailbox(type = "ledger", key = "#account")
    public Map<String, List<Entry>> group(String account, List<Entry> entries) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        entries.forEach((entry) -> groups.computeIfAbsent(entry.thread(), (key) -> new ArrayList<>())
                .add(entry));
        return groups;
    }

    @Mailbox(type = "ledger", key = "#account")
    public String keep(String account, Fragile fragile) {
        return fragile.value();
    }

    @Mailbox(type = "ledger", key = "#account")
    public Optional<String> maybe(String account, @Nullable String value) {
        return Optional.ofNullable(value);
    }

    /** Record the running frame's call id: the nested call of {@link #appendTwice} runs in the outer frame. */
    @Mailbox(type = "ledger", key = "#account")
    public String where(String account) {
        return MailboxContext.current().map(MailboxContext::callId).orElse("none");
    }

    public List<Entry> applied(String account) {
        return List.copyOf(this.applied.getOrDefault(account, List.of()));
    }

    public int overlaps() {
        return this.overlaps.get();
    }

    private CountDownLatch gate(String name) {
        return this.gates.computeIfAbsent(name, (key) -> new CountDownLatch(1));
    }
}

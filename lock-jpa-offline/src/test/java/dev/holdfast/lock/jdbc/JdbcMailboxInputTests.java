package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.MailboxFrame;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

/**
 * Bad input to the database store's mailboxes: a call id longer than the frame table holds is refused before anything
 * is written, naming the mailbox and the call id, and the mailbox still works; a frame's chain and its enqueue time
 * come back as they went in.
 */
class JdbcMailboxInputTests {

    private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder()
            .generateUniqueName(true)
            .setType(EmbeddedDatabaseType.H2)
            .addScript("classpath:dev/holdfast/lock/jpa/schema-h2.sql")
            .build();

    private final JdbcLockStore store = new JdbcLockStore(this.database);

    private final LockKey mailbox = new LockKey("mb-input", "acct-" + UUID.randomUUID());

    @AfterEach
    void close() {
        this.store.close();
        this.database.shutdown();
    }

    @Test
    void shouldRefuseACallIdLongerThanTheTableHoldsNamingTheMailboxAndTheId() {
        String callId = "c".repeat(257);
        MailboxFrame frame = new MailboxFrame(callId, this.mailbox, "{}", List.of(), 0, Instant.now());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.store.enqueue(frame, 10))
                .withMessageContaining("[" + this.mailbox + "]")
                .withMessageContaining("[" + callId + "]");
        assertThat(this.store.depth(this.mailbox)).isZero();
        MailboxFrame fits = new MailboxFrame("c".repeat(256), this.mailbox, "{}", List.of(), 0, Instant.now());
        assertThat(this.store.enqueue(fits, 10)).isTrue();
        assertThat(this.store.head(this.mailbox)).contains(fits);
    }

    @Test
    void shouldKeepAChainOfAwkwardKeysAndTheEnqueueTimeToTheNanosecond() {
        List<LockKey> chain = List.of(
                new LockKey("ns.1", "12:x"), new LockKey("emoji", "\uD83D\uDE00:0:"), new LockKey("plain", "1"));
        Instant enqueuedAt = Instant.ofEpochSecond(1_800_000_000L, 123_456_789);
        MailboxFrame frame = new MailboxFrame("chained", this.mailbox, "\"payload\"", chain, 0, enqueuedAt);
        assertThat(this.store.enqueue(frame, 10)).isTrue();
        assertThat(this.store.head(this.mailbox)).hasValueSatisfying((head) -> {
            assertThat(head.chain()).isEqualTo(chain);
            assertThat(head.enqueuedAt()).isEqualTo(enqueuedAt);
            assertThat(head).isEqualTo(frame);
        });
    }
}

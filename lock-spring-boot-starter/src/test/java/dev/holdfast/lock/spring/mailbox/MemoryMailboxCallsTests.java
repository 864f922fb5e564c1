package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code @Mailbox} methods over the in-memory store. */
@SpringBootTest(
        classes = MailboxApplication.class,
        properties = {
            "holdfast.store=memory",
            "holdfast.mailbox.types.ledger.max-attempts=2",
            "holdfast.mailbox.types.ledger.backoff=0s",
            "holdfast.mailbox.types.ledger.max-frame-size=4096",
            "holdfast.mailbox.call-timeout=60s"
        })
class MemoryMailboxCallsTests extends MailboxCallsContract {

    @Autowired
    LockStore store;

    @Test
    void shouldRunOnTheMemoryStore() {
        assertThat(this.store).isInstanceOf(InMemoryLockStore.class);
    }
}

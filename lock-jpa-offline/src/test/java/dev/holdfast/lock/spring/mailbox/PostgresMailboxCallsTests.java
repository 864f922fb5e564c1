package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter's {@code @Mailbox} contract on the database store over the real PostgreSQL, waiters woken by
 * LISTEN/NOTIFY; every test uses accounts of its own, so runs sharing the database do not meet.
 */
@SpringBootTest(
        classes = MailboxApplication.class,
        properties = {
            "holdfast.store=jdbc",
            "holdfast.jdbc.initialize-schema=always",
            "holdfast.mailbox.types.ledger.max-attempts=2",
            "holdfast.mailbox.types.ledger.backoff=0s",
            "holdfast.mailbox.types.ledger.max-frame-size=4096",
            "holdfast.mailbox.call-timeout=60s"
        })
class PostgresMailboxCallsTests extends MailboxCallsContract {

    @Autowired
    LockStore store;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        JdbcService postgres = TestServices.postgres();
        registry.add("spring.datasource.url", postgres::url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
    }

    @Test
    void shouldRunOnPostgres() {
        assertThat(this.store)
                .isInstanceOfSatisfying(
                        JdbcLockStore.class,
                        (jdbc) -> assertThat(jdbc.notifiesWaiters()).isTrue());
    }
}

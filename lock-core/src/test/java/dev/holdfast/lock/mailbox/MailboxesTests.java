package dev.holdfast.lock.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The validation of mailbox types, settings and calls, which does not depend on the store. */
class MailboxesTests {

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.of(store);

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldRefuseACallToAnUnregisteredTypeNamingTheTypes() {
        try (Mailboxes mailboxes = Mailboxes.builder(template, store)
                .register("orders", (payload) -> payload)
                .build()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> mailboxes.call("invoices", 1, "{}"))
                    .withMessageContaining("[invoices]")
                    .withMessageContaining("[orders]");
            assertThat(store.depth(new LockKey("invoices", "1"))).isZero();
        }
    }

    @Test
    void shouldRefuseABlankEntityIdNamingTheMailboxType() {
        try (Mailboxes mailboxes = Mailboxes.builder(template, store)
                .register("orders", (payload) -> payload)
                .build()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> mailboxes.call("orders", " ", "{}"))
                    .withMessageContaining("[orders]");
        }
    }

    @Test
    void shouldRefuseAnInvalidOrDuplicateTypeAtRegistration() {
        MailboxesBuilder builder = Mailboxes.builder(template, store).register("orders", (payload) -> payload);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.register("orders", (payload) -> payload))
                .withMessageContaining("[orders] is registered already");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.register("or ders", (payload) -> payload))
                .withMessageContaining("[or ders]");
        String tooLong = "t".repeat(57);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.register(tooLong, (payload) -> payload))
                .withMessageContaining("[" + tooLong + "]")
                .withMessageContaining("56");
        assertThat(Mailboxes.builder(template, store)
                        .register("t".repeat(56), (payload) -> payload)
                        .build())
                .isNotNull();
    }

    @Test
    void shouldRefuseBadSettingsNamingTheSetting() {
        MailboxSettings.Builder defaults = MailboxSettings.builder();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.attempts(0, Duration.ZERO).build())
                .withMessageContaining("'maxAttempts'")
                .withMessageContaining("0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.attempts(2, Duration.ofMillis(-1)).build())
                .withMessageContaining("'backoff'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MailboxSettings.builder().maxDepth(0).build())
                .withMessageContaining("'maxDepth'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MailboxSettings.builder().maxFrameSize(0).build())
                .withMessageContaining("'maxFrameSize'");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> MailboxSettings.builder().resultTtl(Duration.ZERO).build())
                .withMessageContaining("'resultTtl'");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        MailboxSettings.builder().lease(Duration.ofSeconds(-1)).build())
                .withMessageContaining("'lease'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Mailboxes.builder(template, store).callTimeout(Duration.ZERO))
                .withMessageContaining("'callTimeout'");
    }

    @Test
    void shouldHaveNoContextOutsideAFrame() {
        assertThat(MailboxContext.current()).isEmpty();
    }
}

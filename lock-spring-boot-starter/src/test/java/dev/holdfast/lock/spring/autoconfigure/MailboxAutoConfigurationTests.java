package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spring.autoconfigure.mailbox.MailboxAutoConfiguration;
import dev.holdfast.lock.spring.mailbox.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** The Mailboxes bean: created over the store with the {@code @Mailbox} types, configured by holdfast.mailbox.*. */
class MailboxAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withBean("orders", Orders.class)
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class,
                    MailboxAutoConfiguration.class));

    @Test
    void shouldCreateMailboxesRunningTheAnnotatedTypeAndCloseThemOnShutdown() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(Mailboxes.class);
            Mailboxes mailboxes = context.getBean(Mailboxes.class);
            assertThat(context.getBean(Orders.class).total("o-1", 41)).isEqualTo(42);
            assertThat(mailboxes.depth("orders", "o-1")).isZero();
        });
    }

    @Test
    void shouldBackOffForTheApplicationsOwnMailboxes() {
        this.runner
                .withBean("myMailboxes", Mailboxes.class, () -> {
                    InMemoryLockStore store = new InMemoryLockStore();
                    return Mailboxes.builder(LockTemplate.of(store), store).build();
                })
                .run((context) ->
                        assertThat(context).getBeanNames(Mailboxes.class).containsExactly("myMailboxes"));
    }

    @Test
    void shouldStayAwayWithoutJackson() {
        this.runner
                .withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .run((context) -> assertThat(context).doesNotHaveBean(Mailboxes.class));
    }

    @Test
    void shouldFailAtStartupNamingAnInvalidTypeSetting() {
        this.runner
                .withPropertyValues("holdfast.mailbox.types.orders.max-attempts=0")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context);
                    assertThat(analysis.getDescription())
                            .startsWith(
                                    "holdfast.mailbox.types.orders.max-attempts is '0': Mailbox setting 'maxAttempts' "
                                            + "must be at least 1, but was 0.");
                    assertThat(analysis.getAction())
                            .startsWith("Set holdfast.mailbox.types.orders.max-attempts to a valid");
                });
        this.runner
                .withPropertyValues("holdfast.mailbox.types.orders.lease=0s")
                .run(
                        (context) -> assertThat(analyze(context).getDescription())
                                .startsWith(
                                        "holdfast.mailbox.types.orders.lease is 'PT0S': Mailbox setting 'lease' must be positive"));
    }

    @Test
    void shouldFailAtStartupForSettingsOfATypeNoMethodNames() {
        this.runner
                .withPropertyValues("holdfast.mailbox.types.order.mode=at-most-once")
                .run((context) -> assertThat(analyze(context).getDescription())
                        .startsWith(
                                "holdfast.mailbox.types.order configures mailbox type 'order', which no @Mailbox method "
                                        + "names (types: [orders])."));
    }

    @Test
    void shouldFailAtStartupForANonPositiveCallTimeout() {
        this.runner
                .withPropertyValues("holdfast.mailbox.call-timeout=0s")
                .run((context) -> assertThat(analyze(context).getDescription())
                        .startsWith("holdfast.mailbox.call-timeout is 'PT0S': a call timeout must be positive."));
    }

    @Test
    void shouldApplyTheTypeSettings() {
        this.runner
                .withPropertyValues(
                        "holdfast.mailbox.types.orders.mode=at-most-once",
                        "holdfast.mailbox.types.orders.max-frame-size=10")
                .run((context) -> {
                    Orders orders = context.getBean(Orders.class);
                    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> orders.total("o-2", 1)))
                            .isInstanceOf(dev.holdfast.lock.mailbox.FrameTooLargeException.class)
                            .hasMessageContaining("mailbox [orders:o-2]")
                            .hasMessageContaining("over the limit of 10 bytes");
                    assertThat(context.getBean(Mailboxes.class).depth("orders", "o-2"))
                            .isZero();
                });
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis =
                new LockConfigurationFailureAnalyzer(new MockEnvironment()).analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    static class Orders {

        @Mailbox(type = "orders", key = "#order")
        public int total(String order, int amount) {
            return amount + 1;
        }
    }
}

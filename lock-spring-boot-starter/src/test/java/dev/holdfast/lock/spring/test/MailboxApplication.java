package dev.holdfast.lock.spring.test;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.MailboxesBuilder;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with actuator, an in-memory lock store and a {@link Mailboxes} bean of its own (as the mailboxes'
 * auto-configuration would declare it, with every {@link MailboxListener} bean) whose type {@value OrderEvents#TYPE}
 * makes 2 attempts before a frame is dead-lettered: the context of the mailbox operations tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MailboxApplication {

    /** The settings of the test type: at least once, 2 attempts, no pause. */
    public static final MailboxSettings SETTINGS =
            MailboxSettings.builder().attempts(2, Duration.ZERO).maxDepth(5).build();

    @Bean
    InMemoryLockStore lockStore() {
        return new InMemoryLockStore();
    }

    @Bean(destroyMethod = "close")
    LockTemplate lockTemplate(LockStore lockStore) {
        return LockTemplate.of(lockStore);
    }

    @Bean
    OrderEvents orderEvents() {
        return new OrderEvents();
    }

    @Bean(destroyMethod = "close")
    Mailboxes mailboxes(
            LockTemplate lockTemplate,
            InMemoryLockStore lockStore,
            OrderEvents orderEvents,
            ObjectProvider<MailboxListener> listeners) {
        return build(lockTemplate, lockStore, orderEvents, listeners);
    }

    /**
     * Build the mailboxes of the test type over a store.
     *
     * @param template the lock template
     * @param store the store
     * @param handler the type's handler
     * @param listeners the listener beans
     * @return the mailboxes
     */
    public static Mailboxes build(
            LockTemplate template, MailboxStore store, OrderEvents handler, ObjectProvider<MailboxListener> listeners) {
        MailboxesBuilder builder = Mailboxes.builder(template, store)
                .callTimeout(Duration.ofSeconds(30))
                .register(OrderEvents.TYPE, SETTINGS, handler);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }
}

package dev.holdfast.lock.test;

import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;

/**
 * What the mailbox contract runs on: the store under test as a {@link MailboxStore}, mailbox instances standing in
 * for application instances, and helpers. The mailbox type of each test is its namespace, so tests sharing a store
 * never see each other's mailboxes.
 */
public interface MailboxFixture extends LockStoreFixture {

    /** Settings for the contract: at least once, 3 attempts with no pause between them. */
    MailboxSettings SETTINGS =
            MailboxSettings.builder().attempts(3, Duration.ZERO).build();

    /**
     * Start from {@link #SETTINGS} to set what a test needs.
     *
     * @return a builder holding {@link #SETTINGS}
     */
    default MailboxSettings.Builder settings() {
        return SETTINGS.toBuilder();
    }

    /**
     * Return a client of the store under test as a mailbox store.
     *
     * @param client the client
     * @return the client as a mailbox store
     */
    default MailboxStore mailboxStore(LockStore client) {
        if (!(client instanceof MailboxStore mailboxStore)) {
            throw new IllegalStateException(
                    "Lock store '" + client.name() + "' (" + client.getClass().getName()
                            + ") does not implement MailboxStore: it cannot run the mailbox contract");
        }
        return mailboxStore;
    }

    /**
     * Return the store under test as a mailbox store.
     *
     * @return the store
     */
    default MailboxStore mailboxStore() {
        return mailboxStore(store());
    }

    /**
     * Return this test's mailbox type: its namespace.
     *
     * @return the type
     */
    default String type() {
        return namespace();
    }

    /**
     * Return the key of one of this test's mailboxes.
     *
     * @param id the entity id
     * @return the mailbox's key
     */
    default LockKey mailbox(String id) {
        return new LockKey(type(), id);
    }

    /**
     * Create mailboxes over {@link #template()} and the store under test, with this test's type registered.
     *
     * @param settings the type's settings
     * @param handler the type's handler
     * @return the mailboxes, closed when the test ends
     */
    default Mailboxes mailboxes(MailboxSettings settings, FrameHandler handler) {
        return track(Mailboxes.builder(template(), mailboxStore())
                .register(type(), settings, handler)
                .callTimeout(PATIENCE)
                .build());
    }

    /**
     * Create mailboxes standing in for another application instance: a template of its own, over an independent
     * client of the store.
     *
     * @param instanceId the instance's id
     * @param settings the type's settings
     * @param handler the type's handler
     * @return the mailboxes, closed (with their template) when the test ends
     */
    default Mailboxes instance(String instanceId, MailboxSettings settings, FrameHandler handler) {
        return instance(instanceTemplate(instanceId), settings, handler);
    }

    /**
     * Create a template standing in for another application instance, over an independent client of the store.
     *
     * @param instanceId the instance's id
     * @return the template, closed when the test ends
     */
    default LockTemplate instanceTemplate(String instanceId) {
        return track(LockTemplate.builder(createIndependentClient())
                .instanceId(instanceId)
                .watchdogPeriod(Duration.ofMillis(100))
                .build());
    }

    /**
     * Create mailboxes over a template of an instance (see {@link #instanceTemplate}).
     *
     * @param template the instance's template
     * @param settings the type's settings
     * @param handler the type's handler
     * @return the mailboxes, closed when the test ends
     */
    default Mailboxes instance(LockTemplate template, MailboxSettings settings, FrameHandler handler) {
        return track(Mailboxes.builder(template, mailboxStore(createIndependentClient()))
                .register(type(), settings, handler)
                .callTimeout(PATIENCE)
                .build());
    }

    /**
     * Take a mailbox's lock as the test, so that calls enqueue and wait until it is released.
     *
     * @param id the entity id
     * @return the lease, to release
     */
    default Lease holdMailbox(String id) {
        return template()
                .acquire(LockRequest.of(MailboxStore.lockKey(mailbox(id)))
                        .owner("contract-holder")
                        .lease(LONG)
                        .autoRenew(false)
                        .build());
    }

    /**
     * Wait until a mailbox holds a number of frames.
     *
     * @param id the entity id
     * @param depth the frames
     */
    default void awaitDepth(String id, int depth) {
        await("mailbox [" + mailbox(id) + "] holding " + depth + " frame(s)")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> mailboxStore().depth(mailbox(id)) == depth);
    }
}

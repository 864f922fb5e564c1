package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.test.RecordingListener;
import dev.holdfast.lock.test.RecordingLockStore;
import java.time.Duration;

/**
 * A lock client inside the test JVM, standing for one application instance: its own connections to the store, its
 * own template (watchdog every 200 ms) and a listener that records what it hears.
 *
 * @param opened the store, on connections of its own
 * @param store the same store, recording which threads wait for which locks
 * @param template the template, over {@code store}
 * @param listener what the template told
 */
record InProcessClient(OpenedStore opened, RecordingLockStore store, LockTemplate template, RecordingListener listener)
        implements AutoCloseable {

    /**
     * Open a client.
     *
     * @param target the store
     * @param instanceId the template's instance id
     * @return the client
     */
    static InProcessClient open(StoreTarget target, String instanceId) {
        OpenedStore opened = target.open();
        RecordingLockStore store = new RecordingLockStore(opened.store());
        RecordingListener listener = new RecordingListener();
        LockTemplate template = LockTemplate.builder(store)
                .instanceId(instanceId)
                .watchdogPeriod(Duration.ofMillis(200))
                .listener(listener)
                .build();
        return new InProcessClient(opened, store, template, listener);
    }

    @Override
    public void close() {
        template.close();
        opened.close();
    }
}

package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;

/**
 * A lock client inside the test JVM, standing for one application instance: its own connections to the store, its
 * own template (watchdog every 200 ms) and a listener that records what it hears.
 *
 * @param opened the store, on connections of its own
 * @param template the template
 * @param listener what the template told
 */
record InProcessClient(OpenedStore opened, LockTemplate template, RecordingListener listener) implements AutoCloseable {

    /**
     * Open a client.
     *
     * @param target the store
     * @param instanceId the template's instance id
     * @return the client
     */
    static InProcessClient open(StoreTarget target, String instanceId) {
        OpenedStore opened = target.open();
        RecordingListener listener = new RecordingListener();
        LockTemplate template = LockTemplate.builder(opened.store())
                .instanceId(instanceId)
                .watchdogPeriod(Duration.ofMillis(200))
                .listener(listener)
                .build();
        return new InProcessClient(opened, template, listener);
    }

    @Override
    public void close() {
        template.close();
        opened.close();
    }
}

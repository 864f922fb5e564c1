package dev.holdfast.lock.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts the client JVMs of one test against one store and one register, and kills every one of them on
 * {@link #close()}, also when the test failed.
 */
final class Clients implements AutoCloseable {

    private final StoreTarget target;

    private final int registerPort;

    private final String namespace;

    private final List<ClientProcess> started = new ArrayList<>();

    /**
     * Prepare to start clients.
     *
     * @param target the store every client opens
     * @param registerPort the {@link RegisterServer}'s port
     * @param namespace the lock namespace of the test
     */
    Clients(StoreTarget target, int registerPort, String namespace) {
        this.target = target;
        this.registerPort = registerPort;
        this.namespace = namespace;
    }

    /**
     * Start a client.
     *
     * @param owner its owner, also its name
     * @param mode {@code loop} or {@code hold}
     * @param options the mode's {@code name=value} options
     * @return the running client
     */
    synchronized ClientProcess start(String owner, String mode, String... options) {
        List<String> all = new ArrayList<>(target.toOptions());
        all.addAll(List.of("mode=" + mode, "register=" + registerPort, "owner=" + owner, "namespace=" + namespace));
        all.addAll(List.of(options));
        ClientProcess client = ClientProcess.start(namespace + "-" + owner, all);
        started.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (ClientProcess client : started) {
            try {
                client.close();
            } catch (RuntimeException ex) {
                failure = (failure == null) ? ex : failure;
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}

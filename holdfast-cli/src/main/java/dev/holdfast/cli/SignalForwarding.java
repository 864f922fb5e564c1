package dev.holdfast.cli;

import sun.misc.Signal;

/** Forwards SIGINT, SIGTERM and SIGHUP sent to the CLI to the command's process group. */
final class SignalForwarding {

    private SignalForwarding() {}

    /**
     * Installs the forwarding for the rest of the JVM's life.
     *
     * @param group the group that receives the signals
     */
    static void install(ProcessGroup group) {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), (signal) -> group.signal(signal.getName()));
        }
    }
}

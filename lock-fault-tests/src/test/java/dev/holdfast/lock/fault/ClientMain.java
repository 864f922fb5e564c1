package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.MailboxStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lock client in a JVM of its own, started by {@link ClientProcess}: it opens its own connections to the store
 * (a {@link StoreTarget}), builds its own {@link LockTemplate}, and reports to the test on standard output, one line
 * per event ({@code READY}, {@code LOST <token>}, then what its mode prints: {@link LoopClient}, {@link HoldClient},
 * {@link MailboxClient}). It stops when its standard input closes, so a client never outlives the test JVM.
 *
 * <p>Arguments are {@code name=value}: the store's ({@link StoreTarget#toOptions()}), {@code mode} ({@code loop},
 * {@code hold} or {@code mailbox}), {@code register} (the {@link RegisterServer}'s port: its fenced register, or the
 * {@link FrameJournal} for {@code mailbox}), {@code owner}, {@code namespace}, {@code keys} (comma-separated ids),
 * {@code leaseMillis}, {@code waitMillis}, {@code watchdogMillis}, and the mode's own.
 */
public final class ClientMain {

    private ClientMain() {}

    /**
     * Run a client.
     *
     * @param args {@code name=value} options
     */
    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            String mode = options.get("mode");
            String owner = options.get("owner");
            try (OpenedStore opened = OpenedStore.open(StoreTarget.fromOptions(options), false);
                    RegisterClient register = new RegisterClient(Integer.parseInt(options.get("register")));
                    LockTemplate template = LockTemplate.builder(opened.store())
                            .instanceId(owner)
                            .watchdogPeriod(
                                    Duration.ofMillis(Long.parseLong(options.getOrDefault("watchdogMillis", "1000"))))
                            .listener(new ReportingListener())
                            .build()) {
                report("READY");
                if (mode.equals("loop")) {
                    stopWhenParentGoes();
                    new LoopClient(template, register, options).run();
                } else if (mode.equals("mailbox")) {
                    new MailboxClient(template, (MailboxStore) opened.store(), register, options).run();
                } else {
                    new HoldClient(template, register, options).run();
                }
            }
            System.out.flush();
            Runtime.getRuntime().halt(0);
        } catch (Throwable ex) {
            report("ERROR " + ex);
            ex.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /**
     * Print one line for the test.
     *
     * @param line the line
     */
    static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }

    /** Halt when standard input closes: the test JVM went away, or closed this client. */
    private static void stopWhenParentGoes() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        InputStream in = System.in;
                        while (in.read() != -1) {
                            // commands are not read in this mode
                        }
                    } catch (Exception ex) {
                        // treated as closed
                    }
                    Runtime.getRuntime().halt(3);
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Tells the test about lost leases. */
    private static final class ReportingListener implements LockListener {

        @Override
        public void onLost(LockEvent event) {
            String cause = (event.error() != null) ? event.error().getMessage() : "";
            report("LOST " + event.token() + " " + cause);
        }
    }
}

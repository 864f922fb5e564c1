package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.DeliveryMode;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.MailboxStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A client that calls mailboxes of one type and runs their frames, as an application instance does, and does what the
 * test tells it on standard input, so that a test can kill it mid-frame.
 *
 * <p>Commands, one per line: {@code CALL <id> <payload>} (enqueue without waiting: {@code ENQUEUED <name>}, then, when
 * answered, {@code RESULT <name> <result>} or {@code FAILED <name> <exception> <message>}; refused at once:
 * {@code REFUSED <name> <exception>}), {@code DRAIN <id>} ({@code DRAINED <frames run>} or
 * {@code DRAIN FAILED <exception>}), {@code GO} (lets frames waiting on {@code hold} go on), {@code EXIT}. End of input
 * exits.
 *
 * <p>A payload is {@code <name>} or {@code <name>:<flag>}. The handler reports each run to the {@link FrameJournal}
 * (start and end, with the mailbox lock's token and the attempt), applies the frame's effect there once (on a
 * redelivery it first asks whether the effect was applied: the handler's own idempotence check) and returns
 * {@code done:<name>@<attempt>}. Flags act on the first delivery only: {@code hold} prints {@code HOLDING <name>} and
 * waits for {@code GO}; {@code before} and {@code after} print {@code BLOCKED <name>} and block for good, before or
 * after applying the effect, so the test kills the JVM mid-frame.
 *
 * <p>Options: {@code namespace} (the mailbox type), {@code delivery} ({@link DeliveryMode}), {@code leaseMillis},
 * {@code resultTtlMillis}, {@code callTimeoutMillis}.
 */
final class MailboxClient {

    private final Mailboxes mailboxes;

    private final RegisterClient journal;

    private final String owner;

    private final String type;

    private final CountDownLatch go = new CountDownLatch(1);

    MailboxClient(LockTemplate template, MailboxStore store, RegisterClient journal, Map<String, String> options) {
        this.journal = journal;
        this.owner = options.get("owner");
        this.type = options.get("namespace");
        MailboxSettings settings = MailboxSettings.builder()
                .mode(DeliveryMode.valueOf(options.getOrDefault("delivery", "AT_LEAST_ONCE")))
                .attempts(3, Duration.ZERO)
                .lease(millis(options, "leaseMillis", 2000))
                .resultTtl(millis(options, "resultTtlMillis", 60_000))
                .build();
        this.mailboxes = Mailboxes.builder(template, store)
                .register(type, settings, this::handle)
                .callTimeout(millis(options, "callTimeoutMillis", 60_000))
                .build();
    }

    void run() throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            String[] words = command.split(" ");
            switch (words[0]) {
                case "CALL" -> call(words[1], words[2]);
                case "DRAIN" -> drain(words[1]);
                case "GO" -> go.countDown();
                case "EXIT" -> {
                    return;
                }
                default -> ClientMain.report("UNKNOWN " + command);
            }
        }
    }

    private void call(String id, String payload) {
        String name = name(payload);
        CompletableFuture<@Nullable String> answer;
        try {
            answer = mailboxes.callAsync(type, id, payload);
        } catch (RuntimeException ex) {
            ClientMain.report("REFUSED " + name + " " + ex);
            return;
        }
        ClientMain.report("ENQUEUED " + name);
        answer.whenComplete((result, ex) -> {
            if (ex != null) {
                Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
                ClientMain.report("FAILED " + name + " " + cause.getClass().getSimpleName() + " " + cause.getMessage());
            } else {
                ClientMain.report("RESULT " + name + " " + result);
            }
        });
    }

    private void drain(String id) {
        Thread drainer = new Thread(
                () -> {
                    try {
                        ClientMain.report("DRAINED " + mailboxes.drain(type, id));
                    } catch (RuntimeException ex) {
                        ClientMain.report("DRAIN FAILED " + ex);
                    }
                },
                "drain-" + id);
        drainer.setDaemon(true);
        drainer.start();
    }

    private String handle(String payload) throws InterruptedException {
        MailboxContext frame = MailboxContext.current().orElseThrow();
        String name = name(payload);
        String flag = payload.substring(name.length());
        boolean first = !frame.redelivery();
        String mailbox = frame.mailbox().toString();
        tell("START", mailbox, name, frame.callId(), Long.toString(frame.token()), Integer.toString(frame.attempt()));
        if (first && flag.equals(":hold")) {
            ClientMain.report("HOLDING " + name);
            go.await();
        }
        if (first && flag.equals(":before")) {
            blockForGood(name);
        }
        if (first || tell("APPLIED", name).equals("NO")) {
            tell("APPLY", name);
        }
        if (first && flag.equals(":after")) {
            blockForGood(name);
        }
        tell("END", mailbox, frame.callId());
        return "done:" + name + "@" + frame.attempt();
    }

    /** Block until the JVM is killed: the frame stays begun (at least once) or taken (at most once). */
    private static void blockForGood(String name) throws InterruptedException {
        ClientMain.report("BLOCKED " + name);
        new CountDownLatch(1).await();
    }

    /** Send one request to the journal; the owner ends the requests that name a run. */
    private synchronized String tell(String... fields) {
        String[] request = fields;
        if (fields[0].equals("START") || fields[0].equals("END")) {
            request = Arrays.copyOf(fields, fields.length + 1);
            request[fields.length] = owner;
        }
        String answer = journal.request(request);
        if (answer.startsWith("REFUSED")) {
            ClientMain.report("JOURNAL " + answer.replace('\t', ' '));
        }
        return answer;
    }

    private static String name(String payload) {
        int colon = payload.indexOf(':');
        return (colon < 0) ? payload : payload.substring(0, colon);
    }

    private static Duration millis(Map<String, String> options, String name, long otherwise) {
        return Duration.ofMillis(Long.parseLong(options.getOrDefault(name, Long.toString(otherwise))));
    }
}

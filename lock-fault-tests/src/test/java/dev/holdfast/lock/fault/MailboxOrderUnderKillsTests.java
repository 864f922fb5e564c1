package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.fault.FrameJournal.Run;
import dev.holdfast.lock.fault.FrameJournal.State;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Order survives failures (SPEC §7): frames enqueued in a known order to one at-least-once mailbox by callers in three
 * JVMs are run by those JVMs while the test kills ({@code SIGKILL}) whichever JVM runs one of five frames picked at
 * random, mid-frame (before or after its effect), and starts a fresh JVM that drains in its place. In the end the
 * {@link FrameJournal} shows every frame's effect once, in enqueue order; every killed frame run again (told it is a
 * redelivery) before anything behind it; no two runs of the mailbox at once and no stale fencing token; and every
 * caller still alive answered.
 */
class MailboxOrderUnderKillsTests {

    private static final int FRAMES = 30;

    private static final int KILLS = 5;

    private static final Duration LEASE = Duration.ofSeconds(3);

    private static final Duration STARTUP = Duration.ofMinutes(1);

    private static final Duration PROMPT = Duration.ofSeconds(20);

    /** The longest one kill may hold the mailbox up: the lease, a replacement's start, slack for a loaded machine. */
    private static final Duration PER_KILL = LEASE.plusSeconds(30);

    private final FrameJournal journal = new FrameJournal();

    private final String type = "mborder-" + UUID.randomUUID().toString().substring(0, 8);

    private final LockKey mailbox = new LockKey(type, "acct");

    private final long seed = new Random().nextLong();

    private RegisterServer server;

    private Clients clients;

    @BeforeEach
    void startJournal() {
        server = new RegisterServer(journal);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "POSTGRES"})
    void shouldRunFramesInEnqueueOrderOnceEachWhileRunnersAreKilledMidFrame(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        Random random = new Random(seed);
        TreeSet<Integer> victims = new TreeSet<>();
        while (victims.size() < KILLS) {
            victims.add(random.nextInt(FRAMES));
        }
        String context = "seed " + seed + ", frames killed mid-run " + victims;
        try (OpenedStore opened = target.open()) {
            MailboxStore store = (MailboxStore) opened.store();
            clients = new Clients(target, server.port(), type);
            Map<String, ClientProcess> alive = new HashMap<>();
            for (String owner : List.of("p1", "p2", "p3")) {
                alive.put(owner, start(owner));
            }
            alive.values().forEach((client) -> client.awaitLine("READY", STARTUP));

            Map<String, String> callerOf = new HashMap<>();
            for (int i = 0; i < FRAMES; i++) {
                String name = name(i);
                String owner = "p" + (1 + i % 3);
                String flag = !victims.contains(i) ? "" : (victims.headSet(i).size() % 2 == 0) ? ":before" : ":after";
                alive.get(owner).send("CALL acct " + name + flag);
                alive.get(owner).awaitLine("ENQUEUED " + name, PROMPT);
                callerOf.put(name, owner);
            }

            int replacements = 0;
            for (int victim : victims) {
                String name = name(victim);
                Run run = await("frame " + name + " running (" + context + ")")
                        .atMost(PER_KILL)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> journal.running(name), (found) -> found.isPresent())
                        .orElseThrow();
                assertThat(run.attempt()).describedAs(context).isEqualTo(1);
                ClientProcess runner = alive.remove(run.owner());
                runner.awaitLine("BLOCKED " + name, PROMPT);
                runner.kill();
                String owner = "r" + (++replacements);
                ClientProcess replacement = start(owner);
                alive.put(owner, replacement);
                replacement.awaitLine("READY", STARTUP);
                replacement.send("DRAIN acct");
            }
            await("mailbox " + mailbox + " empty (" + context + ")")
                    .atMost(PER_KILL)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> store.depth(mailbox) == 0);

            List<String> order = IntStream.range(0, FRAMES).mapToObj(this::name).toList();
            assertThat(journal.violations()).describedAs(context).isEmpty();
            assertThat(journal.effects()).describedAs(context).containsExactlyElementsOf(order);
            assertRunsInOrder(context, victims);
            for (int i = 0; i < FRAMES; i++) {
                String name = name(i);
                ClientProcess caller = alive.get(callerOf.get(name));
                if (caller != null) {
                    assertThat(caller.awaitLine("RESULT " + name, PROMPT))
                            .describedAs(context)
                            .isEqualTo("RESULT " + name + " done:" + name + "@" + (victims.contains(i) ? 2 : 1));
                }
            }
            assertThat(store.deadLetters(mailbox)).isEmpty();
            System.out.printf("%s: %d frames in order through %d kills (%s)%n", kind, FRAMES, KILLS, context);
        }
    }

    /**
     * Check the runs as they started: frame by frame in enqueue order, a killed frame's abandoned first attempt followed
     * at once by its redelivery, every other frame run once.
     */
    private void assertRunsInOrder(String context, TreeSet<Integer> victims) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            expected.add(name(i) + "#1" + (victims.contains(i) ? " ABANDONED" : " ENDED"));
            if (victims.contains(i)) {
                expected.add(name(i) + "#2 ENDED");
            }
        }
        List<String> actual = journal.runs().stream()
                .map((run) -> run.name() + "#" + run.attempt() + " " + run.state())
                .toList();
        assertThat(actual).describedAs(context).containsExactlyElementsOf(expected);
        List<Run> runs = journal.runs();
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).token())
                    .describedAs(context)
                    .isGreaterThanOrEqualTo(runs.get(i - 1).token());
            if (runs.get(i - 1).state() == State.ABANDONED) {
                assertThat(runs.get(i).token())
                        .describedAs(context)
                        .isGreaterThan(runs.get(i - 1).token());
            }
        }
    }

    private ClientProcess start(String owner) {
        return clients.start(
                owner,
                "mailbox",
                "delivery=AT_LEAST_ONCE",
                "leaseMillis=" + LEASE.toMillis(),
                "watchdogMillis=300",
                "callTimeoutMillis=300000");
    }

    private String name(int index) {
        return String.format("f%02d", index);
    }
}

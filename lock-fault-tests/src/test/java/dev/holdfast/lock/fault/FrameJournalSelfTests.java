package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.fault.FrameJournal.Run;
import dev.holdfast.lock.fault.FrameJournal.State;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frame journal catches what the mailbox kill tests look for, over its real TCP protocol: two runs of one mailbox
 * at once, a run with a stale token, an effect applied twice and an end with no start are recorded as violations; a
 * run whose client went away is abandoned, so the redelivery after it is no overlap.
 */
class FrameJournalSelfTests {

    private final FrameJournal journal = new FrameJournal();

    private final RegisterServer server = new RegisterServer(journal);

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void shouldRecordARunStartingWhileAnotherRunsAsAnOverlap() throws Exception {
        try (RegisterClient first = new RegisterClient(server.port());
                RegisterClient second = new RegisterClient(server.port())) {
            assertThat(first.request("START", "t:m", "f1", "c1", "10", "1", "a"))
                    .isEqualTo("OK");
            assertThat(second.request("START", "t:m", "f2", "c2", "11", "1", "b"))
                    .isEqualTo("OK");
            assertThat(second.request("START", "t:other", "g1", "d1", "5", "1", "b"))
                    .isEqualTo("OK");
        }
        assertThat(journal.violations())
                .singleElement()
                .asString()
                .startsWith("overlap: ")
                .contains("f2", "f1");
    }

    @Test
    void shouldAbandonTheRunOfAClientThatWentAwaySoItsRedeliveryIsNoOverlap() throws Exception {
        try (RegisterClient survivor = new RegisterClient(server.port())) {
            RegisterClient killed = new RegisterClient(server.port());
            assertThat(killed.request("START", "t:m", "f1", "c1", "10", "1", "a"))
                    .isEqualTo("OK");
            assertThat(killed.request("APPLY", "f1")).isEqualTo("OK");
            killed.close();
            await("the run of the closed client abandoned")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> journal.runs().get(0).state() == State.ABANDONED);
            assertThat(survivor.request("START", "t:m", "f1", "c1", "12", "2", "b"))
                    .isEqualTo("OK");
            assertThat(survivor.request("APPLIED", "f1")).isEqualTo("YES");
            assertThat(survivor.request("APPLIED", "f2")).isEqualTo("NO");
            assertThat(survivor.request("END", "t:m", "c1", "b")).isEqualTo("OK");
        }
        assertThat(journal.violations()).isEmpty();
        assertThat(journal.runs())
                .containsExactly(
                        new Run("t:m", "f1", "c1", 10, 1, "a", State.ABANDONED),
                        new Run("t:m", "f1", "c1", 12, 2, "b", State.ENDED));
        assertThat(journal.effects()).containsExactly("f1");
    }

    @Test
    void shouldRecordAStaleTokenATwiceAppliedEffectAndAnEndWithNoStart() throws Exception {
        try (RegisterClient client = new RegisterClient(server.port())) {
            client.request("START", "t:m", "f1", "c1", "10", "1", "a");
            assertThat(client.request("APPLY", "f1")).isEqualTo("OK");
            client.request("END", "t:m", "c1", "a");
            client.request("START", "t:m", "f2", "c2", "9", "1", "b");
            assertThat(client.request("APPLY", "f1")).startsWith("REFUSED\teffect of frame f1 applied twice");
            assertThat(client.request("END", "t:m", "c3", "b")).startsWith("REFUSED\tend of call c3");
        }
        assertThat(journal.violations())
                .hasSize(3)
                .satisfiesExactly(
                        (stale) -> assertThat(stale).startsWith("stale token: ").contains("token 10 was seen"),
                        (twice) -> assertThat(twice).isEqualTo("effect of frame f1 applied twice"),
                        (end) -> assertThat(end).startsWith("end of call c3 in t:m by b with no run going"));
        assertThat(journal.effects()).containsExactly("f1");
    }
}

package dev.holdfast.lock.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whom a mailbox's notifications wake, with a re-check interval of a minute so that nothing but the notification can
 * wake a watch in time: a written result wakes the caller of that call only, a release of the mailbox lock wakes one
 * caller, and a caller that took the release but leaves without trying the lock (its result was there) passes it on.
 */
class WaiterRegistryMailboxTests {

    private static final String MAILBOX = "mailbox-watch|orders:1";

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final Duration SOON = Duration.ofSeconds(10);

    private final WaiterRegistry registry = new WaiterRegistry(MINUTE, () -> true);

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void shouldWakeOnlyTheCallerOfTheCallWhoseResultWasWritten() {
        Looks other = new Looks(() -> new MailboxProbe.LockHeld(MINUTE));
        Looks own = new Looks(MailboxProbe.ResultReady::new);
        MailboxWatch otherWatch = registry.watchMailbox(MAILBOX, "call-a", other);
        MailboxWatch ownWatch = registry.watchMailbox(MAILBOX, "call-b", own);
        CompletableFuture<MailboxProbe> otherNext = waitOn(otherWatch);
        CompletableFuture<MailboxProbe> ownNext = waitOn(ownWatch);

        registry.resultWritten(MAILBOX, "call-b");

        assertThat(ownNext).succeedsWithin(SOON).isInstanceOf(MailboxProbe.ResultReady.class);
        ownWatch.close();
        assertThat(otherNext).as("the other caller's watch").isNotDone();
        assertThat(other.count.get()).as("looks of the other caller").isZero();
        otherWatch.close();
    }

    @Test
    void shouldWakeOneCallerOnAReleaseAndPassItOnWhenThatCallerLeavesWithItsResult() {
        Looks answered = new Looks(MailboxProbe.ResultReady::new);
        Looks next = new Looks(MailboxProbe.LockFree::new);
        Looks last = new Looks(MailboxProbe.LockFree::new);
        MailboxWatch answeredWatch = registry.watchMailbox(MAILBOX, "call-a", answered);
        MailboxWatch nextWatch = registry.watchMailbox(MAILBOX, "call-b", next);
        MailboxWatch lastWatch = registry.watchMailbox(MAILBOX, "call-c", last);
        CompletableFuture<MailboxProbe> answeredNext = waitOn(answeredWatch);
        CompletableFuture<MailboxProbe> nextNext = waitOn(nextWatch);
        CompletableFuture<MailboxProbe> lastNext = waitOn(lastWatch);

        registry.released(MAILBOX);
        assertThat(answeredNext).succeedsWithin(SOON).isInstanceOf(MailboxProbe.ResultReady.class);
        assertThat(nextNext).as("the second caller, before the first left").isNotDone();
        answeredWatch.close();

        assertThat(nextNext).succeedsWithin(SOON).isInstanceOf(MailboxProbe.LockFree.class);
        nextWatch.close();
        assertThat(lastNext)
                .as("the third caller: the second acted on the release")
                .isNotDone();
        assertThat(last.count.get()).isZero();
        lastWatch.close();
    }

    private CompletableFuture<MailboxProbe> waitOn(MailboxWatch watch) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return watch.next(MINUTE);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(ex);
                    }
                },
                callers);
    }

    /** A probe that answers the same and counts its looks. */
    private static final class Looks implements Supplier<MailboxProbe> {

        final AtomicInteger count = new AtomicInteger();

        private final Supplier<MailboxProbe> answer;

        Looks(Supplier<MailboxProbe> answer) {
            this.answer = answer;
        }

        @Override
        public MailboxProbe get() {
            count.incrementAndGet();
            return answer.get();
        }
    }
}

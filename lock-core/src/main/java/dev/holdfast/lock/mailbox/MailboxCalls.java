package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.mailbox.FrameRunner.Registration;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What {@link Mailboxes} does besides enqueuing and waiting: inline re-entry, wait bounds and the async executor. */
final class MailboxCalls {

    private MailboxCalls() {}

    /** Run a call to the mailbox whose frame is running on this thread: inline, as that frame's own code. */
    static @Nullable String inline(Registration registration, MailboxContext current, String payload) {
        try {
            return registration.handler().handle(payload);
        } catch (MailboxException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new MailboxException(
                    "Inline call in mailbox [" + current.mailbox() + "] (from call [" + current.callId() + "]) failed: "
                            + ex,
                    ex);
        }
    }

    /** Return the nanoseconds until a holder's lease with this much left runs out, with a millisecond of margin. */
    static long untilExpiry(Duration remaining) {
        return LockRequest.isForever(remaining) ? Long.MAX_VALUE : remaining.toNanos() + 1_000_000;
    }

    /** The executor of {@link Mailboxes#callAsync}: the one given, or daemon threads of its own, closed with it. */
    static final class AsyncExecutor implements AutoCloseable {

        private static final AtomicInteger instances = new AtomicInteger();

        private final Executor executor;

        private final @Nullable ExecutorService owned;

        AsyncExecutor(@Nullable Executor given) {
            if (given != null) {
                this.executor = given;
                this.owned = null;
            } else {
                int instance = instances.incrementAndGet();
                AtomicInteger threads = new AtomicInteger();
                this.owned = Executors.newCachedThreadPool((task) -> {
                    Thread thread = new Thread(task, "holdfast-mailbox-" + instance + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
                this.executor = this.owned;
            }
        }

        <T> CompletableFuture<T> supply(Supplier<T> call) {
            return CompletableFuture.supplyAsync(call, executor);
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.shutdownNow();
            }
        }
    }
}

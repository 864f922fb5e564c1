package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.MailboxFullException;
import dev.holdfast.lock.mailbox.RemoteFrameFailure;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spring.mailbox.Ledger.LedgerException;
import java.io.IOException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** What a caller gets back for a failed frame: the method's own exception where it can be, else the core's. */
class FrameFailuresTests {

    private static final LockKey MAILBOX = new LockKey("ledger", "a-1");

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void shouldRebuildADeclaredCheckedExceptionThatFailedOnAnotherInstance() throws Exception {
        Method reject = Ledger.class.getMethod("reject", String.class, String.class);
        RemoteFrameFailure remote =
                new RemoteFrameFailure(LedgerException.class.getName(), LedgerException.class.getName() + ": late");
        Throwable rebuilt = FrameFailures.translate(
                reject, new RetryAttemptsExceededException(MAILBOX, "c-1", 3, remote), this.loader);
        assertThat(rebuilt)
                .isInstanceOf(LedgerException.class)
                .hasMessage("late")
                .hasCause(remote);
    }

    @Test
    void shouldRebuildAnUncheckedExceptionThatFailedOnAnotherInstance() throws Exception {
        Method refuse = Ledger.class.getMethod("refuse", String.class, String.class);
        RemoteFrameFailure remote = new RemoteFrameFailure(
                IllegalStateException.class.getName(), IllegalStateException.class.getName() + ": closed");
        assertThat(FrameFailures.translate(refuse, new MailboxException("failed", remote), this.loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("closed");
    }

    @Test
    void shouldKeepTheMailboxExceptionForWhatTheMethodCannotThrow() throws Exception {
        Method refuse = Ledger.class.getMethod("refuse", String.class, String.class);
        MailboxException undeclared = new MailboxException(
                "failed", new RemoteFrameFailure(IOException.class.getName(), IOException.class.getName() + ": disk"));
        assertThat(FrameFailures.translate(refuse, undeclared, this.loader)).isSameAs(undeclared);
        MailboxException local = new MailboxException("failed", new IOException("disk"));
        assertThat(FrameFailures.translate(refuse, local, this.loader)).isSameAs(local);
        MailboxException unknown =
                new MailboxException("failed", new RemoteFrameFailure("com.example.Gone", "com.example.Gone: renamed"));
        assertThat(FrameFailures.translate(refuse, unknown, this.loader)).isSameAs(unknown);
    }

    @Test
    void shouldPassOnARefusedEnqueueAndTheLocalExceptionItself() throws Exception {
        Method refuse = Ledger.class.getMethod("refuse", String.class, String.class);
        MailboxFullException full = new MailboxFullException(MAILBOX, 10);
        assertThat(FrameFailures.translate(refuse, full, this.loader)).isSameAs(full);
        IllegalArgumentException own = new IllegalArgumentException("own");
        assertThat(FrameFailures.translate(refuse, new MailboxException("failed", own), this.loader))
                .isSameAs(own);
    }
}

package dev.holdfast.lock.benchmarks.mailbox;

/** Scenario 2: each call of the 8 threads goes to one of 1,000 mailboxes, uniformly at random. */
public class ThousandMailboxes extends MailboxBenchmark {

    @Override
    String entity(Clients.Caller caller) {
        return caller.anyEntity();
    }
}

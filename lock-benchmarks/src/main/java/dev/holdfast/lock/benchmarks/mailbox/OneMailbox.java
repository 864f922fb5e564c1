package dev.holdfast.lock.benchmarks.mailbox;

/** Scenario 1: every call of the 8 threads goes to the same mailbox (serial by nature). */
public class OneMailbox extends MailboxBenchmark {

    @Override
    String entity(Clients.Caller caller) {
        return "one";
    }
}

package dev.holdfast.lock.benchmarks.mailbox;

/**
 * One way of running calls one at a time per entity, across instances, each caller getting its own result: what the
 * suite measures. Thread-safe: the benchmark's threads share one instance, as an application's request threads do.
 */
interface MailboxContender extends AutoCloseable {

    /**
     * Run a call through the entity's mailbox and wait for its own result.
     *
     * @param entity the entity id
     * @param payload the call's payload
     * @return the handler's result for this call
     */
    String call(String entity, String payload);

    @Override
    void close();
}

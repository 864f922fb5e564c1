package dev.holdfast.lock.benchmarks.mailbox;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.redis.RedisLockStore;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Holdfast's mailboxes on {@link RedisLockStore}: one type registered with the default settings (at least once, 3
 * attempts, 30 s lease renewed by the watchdog), calls through {@link Mailboxes#call}.
 */
final class HoldfastRedis implements MailboxContender {

    private final LettuceConnectionFactory factory = BenchmarkRedis.factory();

    private final RedisLockStore store = new RedisLockStore(factory, "holdfast-mbx-bench");

    private final LockTemplate template = LockTemplate.of(store);

    private final Mailboxes mailboxes;

    HoldfastRedis() {
        EntityLog log = new EntityLog();
        this.mailboxes = Mailboxes.builder(template, store)
                .register(HoldfastPostgres.TYPE, (payload) -> log.apply(entity(), payload))
                .build();
    }

    /** Return the id of the mailbox whose frame runs on this thread. */
    static String entity() {
        return MailboxContext.current()
                .orElseThrow(() -> new IllegalStateException("A mailbox frame runs outside its mailbox context"))
                .mailbox()
                .id();
    }

    @Override
    public String call(String entity, String payload) {
        String result = mailboxes.call(HoldfastPostgres.TYPE, entity, payload);
        if (result == null) {
            throw new IllegalStateException("Mailbox [" + entity + "] answered no result to [" + payload + "]");
        }
        return result;
    }

    @Override
    public void close() {
        mailboxes.close();
        template.close();
        store.close();
        factory.destroy();
    }
}

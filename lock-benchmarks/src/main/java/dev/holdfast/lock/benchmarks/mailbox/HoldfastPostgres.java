package dev.holdfast.lock.benchmarks.mailbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.mailbox.Mailboxes;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Holdfast's mailboxes on {@link JdbcLockStore} over PostgreSQL (woken by LISTEN/NOTIFY): one type registered with the
 * default settings, calls through {@link Mailboxes#call}, on a pool of {@link MailboxDatabase#POOL_SIZE} connections.
 */
final class HoldfastPostgres implements MailboxContender {

    /** The mailbox type of both Holdfast contenders. */
    static final String TYPE = "mbxbench";

    private final HikariDataSource pool;

    private final JdbcLockStore store;

    private final LockTemplate template;

    private final Mailboxes mailboxes;

    HoldfastPostgres(@Nullable StatementCounter counter) {
        this.pool = MailboxDatabase.pool("holdfast-mailbox");
        DataSource source = (counter != null) ? counter.count(pool) : pool;
        this.store = new JdbcLockStore(source);
        this.template = LockTemplate.of(store);
        EntityLog log = new EntityLog();
        this.mailboxes = Mailboxes.builder(template, store)
                .register(TYPE, (payload) -> log.apply(HoldfastRedis.entity(), payload))
                .build();
    }

    @Override
    public String call(String entity, String payload) {
        String result = mailboxes.call(TYPE, entity, payload);
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
        pool.close();
    }
}

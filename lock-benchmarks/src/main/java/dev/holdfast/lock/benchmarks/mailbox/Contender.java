package dev.holdfast.lock.benchmarks.mailbox;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The suite's contenders: the benchmark method names are their names, each Holdfast beside its store's peer. */
enum Contender {
    HOLDFAST_REDIS("holdfastRedis", "Redis", true, (counter) -> new HoldfastRedis()),
    REDISSON_LIST("redissonList", "Redis", false, (counter) -> new RedissonList()),
    HOLDFAST_POSTGRES("holdfastPostgres", "PostgreSQL", true, HoldfastPostgres::new),
    SELECT_FOR_UPDATE("selectForUpdate", "PostgreSQL", false, SelectForUpdate::new);

    private final String method;

    private final String store;

    private final boolean holdfast;

    private final Function<@Nullable StatementCounter, MailboxContender> factory;

    Contender(
            String method,
            String store,
            boolean holdfast,
            Function<@Nullable StatementCounter, MailboxContender> factory) {
        this.method = method;
        this.store = store;
        this.holdfast = holdfast;
        this.factory = factory;
    }

    /** Return the benchmark method's name. */
    String method() {
        return method;
    }

    /** Return the store's name: {@code Redis} or {@code PostgreSQL}. */
    String store() {
        return store;
    }

    /** Return whether this is Holdfast (else the store's hand-made peer). */
    boolean holdfast() {
        return holdfast;
    }

    /** Return whether the contender runs on Redis. */
    boolean redis() {
        return "Redis".equals(store);
    }

    /**
     * Open a new instance of this contender.
     *
     * @param counter counts the database round trips (PostgreSQL contenders), or {@code null}
     * @return the contender, to close
     */
    MailboxContender open(@Nullable StatementCounter counter) {
        return factory.apply(counter);
    }

    /** Return the contender of a benchmark method name. */
    static Contender of(String method) {
        for (Contender contender : values()) {
            if (contender.method.equals(method)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("Unknown mailbox contender [" + method + "]");
    }
}

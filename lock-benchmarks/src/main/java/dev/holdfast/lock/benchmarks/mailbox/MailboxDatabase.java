package dev.holdfast.lock.benchmarks.mailbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.benchmarks.jdbc.BenchmarkDatabase;
import java.sql.SQLException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The PostgreSQL side of the suite: the {@code jdbc} suite's schema ({@value BenchmarkDatabase#SCHEMA}), which holds
 * Holdfast's mailbox tables, plus the hand-made mailbox's tables, emptied before each run; and pools of one size for
 * both contenders.
 */
final class MailboxDatabase {

    /** The pool size of both contenders: the suite's thread count. */
    static final int POOL_SIZE = 8;

    private static final String[] TABLES = {
        "holdfast_mailbox_frame",
        "holdfast_mailbox_result",
        "holdfast_mailbox_dead_letter",
        "mbx_hand_call",
        "mbx_hand_entity"
    };

    private MailboxDatabase() {}

    /**
     * Create the tables if missing and empty them.
     *
     * @throws SQLException when the database cannot be reached
     */
    static void prepare() throws SQLException {
        BenchmarkDatabase.prepare();
        try (HikariDataSource pool = BenchmarkDatabase.pool("mailbox-prepare")) {
            new ResourceDatabasePopulator(
                            new ClassPathResource("dev/holdfast/lock/benchmarks/mailbox/hand-made-postgresql.sql"))
                    .execute(pool);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            for (String table : TABLES) {
                jdbc.execute("TRUNCATE TABLE " + table);
            }
        }
    }

    /**
     * Open a pool on the benchmark schema, with the {@code jdbc} suite's settings.
     *
     * @param name the pool name, naming the contender
     * @return the pool
     */
    static HikariDataSource pool(String name) {
        return BenchmarkDatabase.pool(name);
    }
}

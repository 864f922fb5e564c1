package dev.holdfast.lock.benchmarks.mailbox;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-made mailbox on PostgreSQL: a table of calls and a row per entity. A caller inserts its call, then in one
 * transaction locks the entity's row ({@code SELECT … FOR UPDATE}, waiting while another caller holds it), reads every
 * call of the entity without a result in order, runs them, writes the others' results (one batch) and deletes its
 * own, commits, and then deletes and reads its own result unless it ran its call itself. FIFO per entity, exclusion,
 * each caller its own result, and a crash rolls the run back (the calls run again); but nothing bounds retries, a
 * failing call blocks its entity for ever, and results of callers that died are never cleaned.
 * {@link JdbcTemplate}/{@link TransactionTemplate} on a pool with the same settings as Holdfast's.
 */
final class SelectForUpdate implements MailboxContender {

    private final HikariDataSource pool;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    /** The entities whose row exists: inserted once, while other callers of the same entity wait for it. */
    private final Map<String, Boolean> entities = new ConcurrentHashMap<>();

    private final EntityLog log = new EntityLog();

    SelectForUpdate(@Nullable StatementCounter counter) {
        this.pool = MailboxDatabase.pool("select-for-update");
        DataSource source = (counter != null) ? counter.count(pool) : pool;
        this.jdbc = new JdbcTemplate(source);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(source));
    }

    @Override
    public String call(String entity, String payload) {
        entities.computeIfAbsent(entity, (id) -> {
            jdbc.update("INSERT INTO mbx_hand_entity (entity) VALUES (?) ON CONFLICT DO NOTHING", id);
            return Boolean.TRUE;
        });
        String callId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO mbx_hand_call (entity, call_id, payload) VALUES (?, ?, ?)", entity, callId, payload);
        String mine = transactions.execute((status) -> {
            jdbc.queryForObject("SELECT entity FROM mbx_hand_entity WHERE entity = ? FOR UPDATE", String.class, entity);
            List<Object[]> queued = jdbc.query(
                    "SELECT seq, call_id, payload FROM mbx_hand_call WHERE entity = ? AND result IS NULL ORDER BY seq",
                    (rs, row) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)},
                    entity);
            String own = null;
            List<Object[]> results = new ArrayList<>(queued.size());
            for (Object[] call : queued) {
                String result = log.apply(entity, (String) call[2]);
                if (callId.equals(call[1])) {
                    own = result;
                    jdbc.update("DELETE FROM mbx_hand_call WHERE seq = ?", call[0]);
                } else {
                    results.add(new Object[] {result, call[0]});
                }
            }
            if (!results.isEmpty()) {
                jdbc.batchUpdate("UPDATE mbx_hand_call SET result = ? WHERE seq = ?", results);
            }
            return own;
        });
        if (mine != null) {
            return mine;
        }
        List<String> result =
                jdbc.queryForList("DELETE FROM mbx_hand_call WHERE call_id = ? RETURNING result", String.class, callId);
        if (result.isEmpty() || result.get(0) == null) {
            throw new IllegalStateException("Hand-made mailbox [" + entity + "] lost call [" + callId + "]");
        }
        return result.get(0);
    }

    @Override
    public void close() {
        pool.close();
    }
}

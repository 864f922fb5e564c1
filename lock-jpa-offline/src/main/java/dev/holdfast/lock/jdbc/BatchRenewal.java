package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The watchdog's batch ({@link LockStore#renewAll}): a tick's leases renewed on one connection, {@value #CHUNK} at a
 * time. Where the platform's SQL has a {@code renew-all} statement (PostgreSQL: {@code UPDATE … FROM UNNEST(…)
 * RETURNING}, arrays bound as parameters), each chunk is that one statement, and the rows it returns are the leases
 * still held. Elsewhere (MySQL/MariaDB and H2, which have no {@code UPDATE … RETURNING}) each chunk is one JDBC batch of
 * the single-lease {@code renew} statement, sent together, whose update counts tell which leases were renewed. A lease
 * is lost when its owner, and its token unless {@link LockStore#ANY_TOKEN}, no longer hold a live lock.
 */
final class BatchRenewal {

    /** The most leases in one statement or one JDBC batch. */
    static final int CHUNK = 500;

    private final @Nullable String renewAll;

    private final String renew;

    BatchRenewal(SqlStatements sql) {
        this.renewAll = sql.find("renew-all");
        this.renew = sql.get("renew");
    }

    /** Renew the leases on an autocommit connection and return the commands whose leases were lost, in order. */
    List<RenewCommand> renewAll(Connection connection, List<RenewCommand> commands) throws SQLException {
        return (this.renewAll != null)
                ? inStatements(connection, this.renewAll, commands)
                : inBatches(connection, commands);
    }

    private static List<RenewCommand> inStatements(Connection connection, String sql, List<RenewCommand> commands)
            throws SQLException {
        // A lease asked for twice is renewed once, to the longer of its leases.
        Map<Lease, Long> leases = new LinkedHashMap<>();
        for (RenewCommand command : commands) {
            leases.merge(Lease.of(command), LockStore.leaseMillis(command.lease()), Math::max);
        }
        List<Map.Entry<Lease, Long>> unique = new ArrayList<>(leases.entrySet());
        Set<Lease> held = new HashSet<>();
        for (int from = 0; from < unique.size(); from += CHUNK) {
            List<Map.Entry<Lease, Long>> chunk = unique.subList(from, Math.min(unique.size(), from + CHUNK));
            held.addAll(renewChunk(connection, sql, chunk));
        }
        Set<Lease> heldByOwner = new HashSet<>();
        for (Lease lease : held) {
            heldByOwner.add(lease.anyToken());
        }
        List<RenewCommand> lost = new ArrayList<>();
        for (RenewCommand command : commands) {
            Lease lease = Lease.of(command);
            boolean renewed =
                    (command.token() == LockStore.ANY_TOKEN) ? heldByOwner.contains(lease) : held.contains(lease);
            if (!renewed) {
                lost.add(command);
            }
        }
        return lost;
    }

    /** Run one {@code renew-all} statement and return the rows it renewed. */
    private static List<Lease> renewChunk(Connection connection, String sql, List<Map.Entry<Lease, Long>> chunk)
            throws SQLException {
        int size = chunk.size();
        String[] namespaces = new String[size];
        String[] ids = new String[size];
        String[] owners = new String[size];
        Long[] tokens = new Long[size];
        Long[] leaseMillis = new Long[size];
        for (int i = 0; i < size; i++) {
            Lease lease = chunk.get(i).getKey();
            namespaces[i] = lease.key().namespace();
            ids[i] = lease.key().id();
            owners[i] = lease.owner();
            tokens[i] = lease.token();
            leaseMillis[i] = chunk.get(i).getValue();
        }
        List<Lease> renewed = new ArrayList<>(size);
        try (PreparedStatement statement = JdbcCalls.prepare(
                        connection,
                        sql,
                        connection.createArrayOf("varchar", namespaces),
                        connection.createArrayOf("varchar", ids),
                        connection.createArrayOf("varchar", owners),
                        connection.createArrayOf("bigint", tokens),
                        connection.createArrayOf("bigint", leaseMillis));
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                renewed.add(new Lease(
                        new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id")),
                        rs.getString("owner"),
                        rs.getLong("token")));
            }
        }
        return renewed;
    }

    private List<RenewCommand> inBatches(Connection connection, List<RenewCommand> commands) throws SQLException {
        List<RenewCommand> lost = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(this.renew)) {
            for (int from = 0; from < commands.size(); from += CHUNK) {
                List<RenewCommand> chunk = commands.subList(from, Math.min(commands.size(), from + CHUNK));
                for (RenewCommand command : chunk) {
                    bind(statement, command);
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                for (int i = 0; i < chunk.size(); i++) {
                    int count = counts[i];
                    if (count == Statement.SUCCESS_NO_INFO) {
                        // A driver that sends batches in bulk may not count rows per statement: ask this one alone.
                        bind(statement, chunk.get(i));
                        count = statement.executeUpdate();
                    }
                    if (count <= 0) {
                        lost.add(chunk.get(i));
                    }
                }
            }
        }
        return lost;
    }

    private static void bind(PreparedStatement statement, RenewCommand command) throws SQLException {
        LockKey key = command.key();
        JdbcCalls.bind(
                statement,
                LockStore.leaseMillis(command.lease()),
                key.namespace(),
                key.id(),
                command.owner(),
                command.token(),
                command.token());
    }

    /** A lease as the table holds it: key, owner and token ({@link LockStore#ANY_TOKEN} for the owner only). */
    private record Lease(LockKey key, String owner, long token) {

        static Lease of(RenewCommand command) {
            return new Lease(command.key(), command.owner(), command.token());
        }

        Lease anyToken() {
            return new Lease(this.key, this.owner, LockStore.ANY_TOKEN);
        }
    }
}

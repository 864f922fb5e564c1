package dev.holdfast.lock.benchmarks.mailbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Counts the database round trips made through a data source: each statement execution (a JDBC batch as one, as the
 * PostgreSQL driver sends it in one exchange) and each commit and rollback of a connection; and, of those, the
 * durable commits: transactions that wrote or locked a row (an {@code INSERT}, {@code UPDATE}, {@code DELETE},
 * {@code … FOR UPDATE} or {@code NOTIFY}), each of which waits for the write-ahead log to reach the disk. Used only while
 * the suite counts, not while it measures speed.
 */
final class StatementCounter {

    private static final Pattern WRITES = Pattern.compile(
            "^\\s*(WITH\\b.*\\b(INSERT|UPDATE|DELETE)\\b|INSERT|UPDATE|DELETE|MERGE|NOTIFY)\\b|\\bFOR\\s+(NO\\s+KEY\\s+)?UPDATE\\b"
                    + "|\\bFOR\\s+SHARE\\b|PG_NOTIFY",
            Pattern.DOTALL);

    private static final Pattern COMMENTS = Pattern.compile("(?m)^\\s*--.*$");

    private final AtomicLong roundTrips = new AtomicLong();

    private final AtomicLong durableCommits = new AtomicLong();

    /**
     * Return the round trips counted so far.
     *
     * @return the count
     */
    long roundTrips() {
        return roundTrips.get();
    }

    /**
     * Return the durable commits counted so far.
     *
     * @return the count
     */
    long durableCommits() {
        return durableCommits.get();
    }

    /**
     * Wrap a data source so that its round trips are counted here.
     *
     * @param target the data source
     * @return the counting data source
     */
    DataSource count(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return (result instanceof Connection connection) ? new Counted(connection).proxy() : result;
                });
    }

    private static boolean writes(@Nullable String sql) {
        return sql != null
                && WRITES.matcher(COMMENTS.matcher(sql).replaceAll("").toUpperCase(Locale.ROOT))
                        .find();
    }

    private static Object invoke(Object target, Method method, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    /** A connection being counted: whether it is in auto-commit and whether its open transaction wrote. */
    private final class Counted {

        private final Connection target;

        private boolean autoCommit;

        private boolean wrote;

        Counted(Connection target) throws java.sql.SQLException {
            this.target = target;
            this.autoCommit = target.getAutoCommit();
        }

        Connection proxy() {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("commit") || name.equals("rollback")) {
                            roundTrips.incrementAndGet();
                            if (name.equals("commit") && wrote) {
                                durableCommits.incrementAndGet();
                            }
                            wrote = false;
                        } else if (name.equals("setAutoCommit")) {
                            boolean on = (Boolean) args[0];
                            if (on && !autoCommit && wrote) {
                                durableCommits.incrementAndGet();
                            }
                            autoCommit = on;
                            wrote = false;
                        }
                        Object result = invoke(target, method, args);
                        if (result instanceof Statement statement && !(result instanceof ResultSet)) {
                            String sql =
                                    (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
                            return statement(statement, sql);
                        }
                        return result;
                    });
        }

        private Statement statement(Statement statement, @Nullable String prepared) {
            Class<? extends Statement> kind = (statement instanceof CallableStatement)
                    ? CallableStatement.class
                    : (statement instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
            return (Statement) Proxy.newProxyInstance(
                    kind.getClassLoader(), new Class<?>[] {kind}, (proxy, method, args) -> {
                        if (method.getName().startsWith("execute")) {
                            roundTrips.incrementAndGet();
                            String sql = (args != null && args.length > 0 && args[0] instanceof String text)
                                    ? text
                                    : prepared;
                            if (writes(sql)) {
                                if (autoCommit) {
                                    durableCommits.incrementAndGet();
                                } else {
                                    wrote = true;
                                }
                            }
                        }
                        return invoke(statement, method, args);
                    });
        }
    }
}

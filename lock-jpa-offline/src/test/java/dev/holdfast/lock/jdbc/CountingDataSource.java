package dev.holdfast.lock.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that records, for the statements run through it, each execution (with the connection's autocommit
 * at that moment), each transaction control call and each connection taken, so tests can assert how many round trips
 * and pool checkouts an operation takes.
 */
final class CountingDataSource implements DataSource {

    private static final Set<String> EXECUTIONS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

    private final DataSource target;

    private final List<String> calls = new ArrayList<>();

    private int connections;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Forget what was recorded so far. */
    synchronized void reset() {
        this.calls.clear();
        this.connections = 0;
    }

    /** Return how many connections were taken from the data source since the last reset. */
    synchronized int connections() {
        return this.connections;
    }

    /**
     * Return what was recorded: {@code execute[autocommit]}, {@code execute[transaction]}, {@code commit},
     * {@code rollback} and {@code setAutoCommit(false)}.
     */
    synchronized List<String> calls() {
        return List.copyOf(this.calls);
    }

    private synchronized void record(String call) {
        this.calls.add(call);
    }

    @Override
    public Connection getConnection() throws SQLException {
        countConnection();
        return wrap(this.target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        countConnection();
        return wrap(this.target.getConnection(username, password));
    }

    private synchronized void countConnection() {
        this.connections++;
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                record(name);
            }
            if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                record("setAutoCommit(false)");
            }
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement) {
                return wrap(statement, connection, method.getReturnType());
            }
            return result;
        };
        return (Connection)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private Object wrap(Statement statement, Connection connection, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                record(connection.getAutoCommit() ? "execute[autocommit]" : "execute[transaction]");
            }
            return invoke(statement, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return this.target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        this.target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        this.target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return this.target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return this.target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return this.target.isWrapperFor(type);
    }
}

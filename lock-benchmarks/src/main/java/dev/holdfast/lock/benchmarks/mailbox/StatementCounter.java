package dev.holdfast.lock.benchmarks.mailbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts the database round trips made through a data source: each statement execution (a JDBC batch as one, as the
 * PostgreSQL driver sends it in one exchange) and each commit and rollback of a connection. Used only while the suite
 * counts round trips, not while it measures speed.
 */
final class StatementCounter {

    private final AtomicLong roundTrips = new AtomicLong();

    /**
     * Return the round trips counted so far.
     *
     * @return the count
     */
    long roundTrips() {
        return roundTrips.get();
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
                    return (result instanceof Connection connection) ? connection(connection) : result;
                });
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") || name.equals("rollback")) {
                        roundTrips.incrementAndGet();
                    }
                    Object result = invoke(target, method, args);
                    if (result instanceof Statement statement && !(result instanceof ResultSet)) {
                        return statement(statement);
                    }
                    return result;
                });
    }

    private Statement statement(Statement target) {
        Class<? extends Statement> kind = (target instanceof CallableStatement)
                ? CallableStatement.class
                : (target instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
        return (Statement)
                Proxy.newProxyInstance(kind.getClassLoader(), new Class<?>[] {kind}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        roundTrips.incrementAndGet();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}

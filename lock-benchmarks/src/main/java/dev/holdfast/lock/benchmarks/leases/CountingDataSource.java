package dev.holdfast.lock.benchmarks.leases;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A data source that counts the statements executed through it (each {@code execute*} call, a JDBC batch as one), so
 * the runner can count the database round trips of the store: all of them, and those of the watchdog's renewal thread
 * (the store's background sweep of free rows runs on a thread of its own and is not counted there).
 */
final class CountingDataSource {

    final AtomicLong statements = new AtomicLong();

    final AtomicLong renewalStatements = new AtomicLong();

    private final DataSource target;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = call(target, method, args);
                    return (result instanceof Connection connection) ? wrap(connection, Connection.class) : result;
                });
    }

    private <T> T wrap(T target, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = call(target, method, args);
            if (result instanceof Statement statement && !(result instanceof java.sql.ResultSet)) {
                Class<? extends Statement> kind = (statement instanceof java.sql.CallableStatement)
                        ? java.sql.CallableStatement.class
                        : (statement instanceof java.sql.PreparedStatement)
                                ? java.sql.PreparedStatement.class
                                : Statement.class;
                return wrapStatement(statement, kind);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object wrapStatement(Statement statement, Class<? extends Statement> kind) {
        return Proxy.newProxyInstance(kind.getClassLoader(), new Class<?>[] {kind}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
                if (Thread.currentThread().getName().startsWith("holdfast-renewal-")) {
                    renewalStatements.incrementAndGet();
                }
            }
            return call(statement, method, args);
        });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}

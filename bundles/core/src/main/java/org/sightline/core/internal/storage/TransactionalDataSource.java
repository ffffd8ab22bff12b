package org.sightline.core.internal.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@code DataSource} that hands out one connection, in a transaction the core owns, to a module's
 * handler. The module may close what it gets (that is a no-op) but cannot commit, roll back or leave
 * the transaction.
 */
final class TransactionalDataSource implements DataSource {
    private final Connection proxy;

    TransactionalDataSource(Connection connection) {
        InvocationHandler h = (p, m, args) -> {
            switch (m.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return connection.isClosed();
                case "commit":
                case "rollback":
                case "setAutoCommit":
                case "releaseSavepoint":
                    if (!m.getName().equals("rollback") || args == null || args.length == 0) {
                        throw new SQLException("the core owns this transaction: " + m.getName() + " is not allowed");
                    }
                    break;
                default:
                    break;
            }
            try {
                return m.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, h);
    }

    @Override public Connection getConnection() { return proxy; }
    @Override public Connection getConnection(String user, String password) { return proxy; }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}

package org.sightline.product.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One transaction on a test database, handed to work as the core hands one to an ingest handler, a sample-data
 * provider or a data owner: every {@code getConnection()} of the {@code DataSource} the work gets returns the same
 * connection, whose {@code close()} does nothing and which refuses to commit, roll back entirely, release a savepoint
 * or change auto-commit (the core owns the transaction; savepoints may be set and rolled back to). {@link TestStorage}
 * runs its transactions so; a test database of another kind can too.
 */
public final class TestTransaction {
    private TestTransaction() {
    }

    /** Work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DataSource transaction) throws Exception;
    }

    /**
     * Runs the work in a new transaction on the database: committed when it returns, rolled back when it throws.
     *
     * @param database the test database, whose connections start in auto-commit mode
     * @return what the work returned
     */
    public static <T> T run(DataSource database, Work<T> work) throws Exception {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(bound(c));
                c.commit();
                return result;
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static DataSource bound(Connection c) {
        Connection shared = (Connection) Proxy.newProxyInstance(TestTransaction.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("close")) {
                        return null;
                    }
                    if (name.equals("commit") || name.equals("setAutoCommit") || name.equals("releaseSavepoint")
                            || name.equals("rollback") && (args == null || args.length == 0)) {
                        throw new SQLException("the core owns this transaction: " + name + " is not allowed");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (ConnectionSource) () -> shared;
    }
}

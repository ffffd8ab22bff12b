package org.sightline.core;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The server cannot answer now because something it depends on is down, such as the database (no connection
 * within the pool's {@code connectionTimeout}); the caller should try again after {@link #retryAfterSeconds()}.
 * The message is fixed and safe to show: the driver's text stays in the cause, for the log.
 */
public class UnavailableException extends SightlineException {
    private static final long serialVersionUID = 1L;
    /** What the caller is told when the database cannot be reached. */
    public static final String DATABASE = "The database is unavailable.";
    private static final long RETRY_AFTER_SECONDS = 5;

    /** The database could not be reached; {@code cause} is the driver's or pool's failure. */
    public UnavailableException(Throwable cause) {
        super(DATABASE, cause);
    }

    /** Seconds after which trying again makes sense (the {@code Retry-After} header). */
    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }

    @Override public int status() { return 503; }
    @Override public String title() { return "Service unavailable"; }

    /**
     * Whether the failure, or one of its causes, is a failure to get or keep a database connection: the pool
     * timed out waiting for one ({@link SQLTransientConnectionException}), the driver could not connect or lost
     * the connection ({@link SQLNonTransientConnectionException}, SQLSTATE class {@code 08}), or it is already
     * an {@link UnavailableException}. The one rule both the core and the web layer use.
     */
    public static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t, prev = null; c != null && c != prev; prev = c, c = c.getCause()) {
            if (c instanceof UnavailableException || c instanceof SQLTransientConnectionException
                    || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}

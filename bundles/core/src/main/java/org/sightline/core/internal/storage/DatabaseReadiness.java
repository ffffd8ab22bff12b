package org.sightline.core.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: the database answers. Takes a connection from the pool (waiting at most the pool's
 * {@code connectionTimeout}) and validates it within {@value #VALIDATION_SECONDS} s. Logs when the
 * database goes down and when it is back, not on every probe. An answer is reused for {@value #REUSE_MS} ms,
 * and probes that arrive while a check runs get the last answer, so that a flood of probes (the endpoint is
 * open) neither takes the pool's connections nor queues HTTP workers behind a dead database.
 */
@Component(service = Readiness.class)
public class DatabaseReadiness implements Readiness {
    static final int VALIDATION_SECONDS = 2;
    static final long REUSE_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);
    private final DataSource dataSource;
    private final AtomicBoolean up = new AtomicBoolean(true);
    /** The last answer and when it was found (System.nanoTime()). */
    private record Answer(boolean up, long at) {
    }

    private final AtomicReference<Answer> last = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();

    @Activate
    public DatabaseReadiness(@Reference(target = "(dataSourceName=sightline)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Boolean> checks() {
        Answer a = last.get();
        boolean stale = a == null || System.nanoTime() - a.at() > TimeUnit.MILLISECONDS.toNanos(REUSE_MS);
        // One check at a time: probes arriving meanwhile get the last answer instead of waiting too.
        if (stale) {
            boolean mine = checking.compareAndSet(false, true);
            if (mine || a == null) {
                try {
                    a = new Answer(database(), System.nanoTime());
                    last.set(a);
                } finally {
                    if (mine) {
                        checking.set(false);
                    }
                }
            }
        }
        return Map.of(DATABASE, a.up());
    }

    private boolean database() {
        boolean ok;
        SQLException failure = null;
        try (Connection c = dataSource.getConnection()) {
            ok = c.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            ok = false;
            failure = e;
        }
        if (up.getAndSet(ok) != ok) {
            if (ok) {
                LOG.info("Readiness: the database answers again");
            } else {
                LOG.warn("Readiness: the database does not answer{}", failure == null ? " (validation failed)" : "", failure);
            }
        }
        return ok;
    }
}

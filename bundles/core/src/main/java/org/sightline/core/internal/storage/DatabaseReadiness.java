package org.sightline.core.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * database goes down and when it is back, not on every probe.
 */
@Component(service = Readiness.class)
public class DatabaseReadiness implements Readiness {
    static final int VALIDATION_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);
    private final DataSource dataSource;
    private final AtomicBoolean up = new AtomicBoolean(true);

    @Activate
    public DatabaseReadiness(@Reference(target = "(dataSourceName=sightline)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Boolean> checks() {
        return Map.of(DATABASE, database());
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

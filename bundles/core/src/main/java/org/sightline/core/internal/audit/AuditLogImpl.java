package org.sightline.core.internal.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.AuditPage;
import org.sightline.core.AuditQuery;
import org.sightline.core.Changes;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Roles;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.dashboard.DashboardComposer;
import org.sightline.core.internal.storage.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit log in table {@code audit_log}, read newest first by keyset pages. */
@Component(service = {AuditLog.class, AuditLogImpl.class})
public class AuditLogImpl implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogImpl.class);
    private static final String COLUMNS = "id, at, partner_id, actor, action, customer_id, customer, outcome, detail, ip";
    private final DataSource ds;
    private final Changes changes;

    @Activate
    public AuditLogImpl(@Reference CoreStorage storage, @Reference Changes changes) {
        this(storage.dataSource(), changes);
    }

    /** An audit log on a plain data source (tests). */
    public static AuditLogImpl on(DataSource ds) {
        return new AuditLogImpl(ds, new ChangeNotes());
    }

    private AuditLogImpl(DataSource ds, Changes changes) {
        this.ds = ds;
        this.changes = changes;
    }

    @Override
    public void record(AuditEntry e) {
        if (e.customerId() != null) {
            // Every action on a customer is audited, so this is the one place that drops the customer's
            // cached core views (products & subscriptions, report activity) when something changed.
            changes.announce(new Changes.CustomerData(e.customerId(), DashboardComposer.CORE_PRODUCT));
        }
        Instant at = (e.at() == null ? Instant.now() : e.at()).truncatedTo(ChronoUnit.MICROS);
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "INSERT INTO audit_log (at, partner_id, actor, action, customer_id, customer, outcome, detail, ip) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", java.util.Arrays.asList(at, e.partnerId(),
                    cut(e.actor(), 200), cut(e.action(), 60), e.customerId(), cut(e.customer(), 300), cut(e.outcome(), 20),
                    cut(e.detail(), 2000), cut(e.address(), 64)));
        } catch (SQLException | RuntimeException ex) {
            LOG.error("Could not write the audit entry {} {} {} {}", e.actor(), e.action(), e.customerId(), e.outcome(), ex);
        }
    }

    @Override
    public AuditPage query(Viewer caller, AuditQuery q) {
        return query(Roles.require(caller, Roles.AUDIT_READ).partnerId(), q);
    }

    @Override
    public Export export(Viewer caller, AuditQuery q, int max, String format) {
        long partnerId = Roles.require(caller, Roles.AUDIT_READ).partnerId();
        record(caller, "audit.export", q.customerId(), null, AuditLog.OK, format);
        AuditQuery all = new AuditQuery(q.from(), q.to(), q.actor(), q.customerId(), q.action(), null, 1000);
        return sink -> forEach(partnerId, all, max, sink);
    }

    /** A page of the partner's entries (not scoped: for the core and its tests). */
    public AuditPage query(long partnerId, AuditQuery q) {
        int limit = Math.max(1, Math.min(1000, q.limit()));
        List<AuditEntry> rows = select(partnerId, q, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            AuditEntry last = rows.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.at().toString() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new AuditPage(List.copyOf(rows), next);
    }

    /** Every matching entry of the partner, newest first, at most {@code max}. */
    public void forEach(long partnerId, AuditQuery q, int max, Consumer<AuditEntry> sink) {
        AuditQuery page = q;
        int left = max;
        while (left > 0) {
            AuditPage p = query(partnerId, new AuditQuery(page.from(), page.to(), page.actor(), page.customerId(),
                    page.action(), page.cursor(), Math.min(1000, left)));
            p.items().forEach(sink);
            left -= p.items().size();
            if (p.nextCursor() == null) {
                return;
            }
            page = new AuditQuery(q.from(), q.to(), q.actor(), q.customerId(), q.action(), p.nextCursor(), 0);
        }
    }

    /** Earliest and (exclusive) latest instant a query or cursor may name: the years 1 to 9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private List<AuditEntry> select(long partnerId, AuditQuery q, int limit) {
        checkTime("from", q.from());
        checkTime("to", q.to());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE partner_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(partnerId);
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(q.to());
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.customerId() != null) {
            sql.append(" AND customer_id = ?");
            args.add(q.customerId());
        }
        if (q.action() != null) {
            if (q.action().endsWith(".")) {
                sql.append(" AND action LIKE ?");
                args.add(q.action().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                sql.append(" ESCAPE '!'");
            } else {
                sql.append(" AND action = ?");
                args.add(q.action());
            }
        }
        if (q.cursor() != null) {
            Instant at;
            long id;
            try {
                String s = new String(Base64.getUrlDecoder().decode(q.cursor()), StandardCharsets.UTF_8);
                int bar = s.indexOf('|');
                at = Instant.parse(s.substring(0, bar));
                id = Long.parseLong(s.substring(bar + 1));
                if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                    throw new IllegalArgumentException("outside the years 1 to 9999");
                }
            } catch (RuntimeException e) {
                throw new InvalidParameterException("cursor", "the cursor is not valid");
            }
            sql.append(" AND (at < ? OR (at = ? AND id < ?))");
            args.add(at);
            args.add(at);
            args.add(id);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(limit);
        return Jdbc.list(ds, sql.toString(), args, AuditLogImpl::entry);
    }

    private static void checkTime(String name, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || !t.isBefore(LATEST))) {
            throw new InvalidParameterException(name, "'" + name + "' must be in the years 1 to 9999");
        }
    }

    /** Reads a row of {@link #COLUMNS}. */
    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Jdbc.instant(rs, 2), Jdbc.longOrNull(rs, 3), rs.getString(4), rs.getString(5),
                Jdbc.longOrNull(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    /** The newest entries of a customer whose action starts with one of the prefixes (report activity). */
    public List<AuditEntry> customerActivity(long customerId, List<String> actionPrefixes, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE customer_id = ? AND (");
        List<Object> args = new ArrayList<>();
        args.add(customerId);
        for (int i = 0; i < actionPrefixes.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("action LIKE ?");
            args.add(actionPrefixes.get(i) + "%");
        }
        sql.append(") ORDER BY at DESC, id DESC LIMIT ").append(Math.max(1, limit));
        return Jdbc.list(ds, sql.toString(), args, AuditLogImpl::entry);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}

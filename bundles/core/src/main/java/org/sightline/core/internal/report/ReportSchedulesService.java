package org.sightline.core.internal.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.ReportSchedule;
import org.sightline.core.ReportSchedules;
import org.sightline.core.ReportTemplate;
import org.sightline.core.Roles;
import org.sightline.core.internal.auth.StaffAccounts;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;

/**
 * Scheduled reports ({@code report_schedule}): partner admins create and delete them; the {@link ReportScheduler}
 * reads them all ({@link #all()}) and runs each period once.
 */
@Component(service = {ReportSchedules.class, ReportSchedulesService.class})
public class ReportSchedulesService implements ReportSchedules {
    private static final String COLUMNS = "id, template_id, cadence, customer_ids, staff_ids, addresses";
    private static final int MAX_CUSTOMERS = 200;
    private static final int MAX_RECIPIENTS = 20;

    /** A schedule with its partner and creation time, for the scheduler. */
    record Stored(long partnerId, Instant createdAt, ReportSchedule schedule) {
    }

    private final DataSource ds;
    private final CustomerDirectory customers;
    private final StaffAccounts staff;
    private final ReportTemplatesService templates;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public ReportSchedulesService(@Reference CoreStorage storage, @Reference CustomerDirectory customers,
                                  @Reference StaffAccounts staff, @Reference ReportTemplatesService templates,
                                  @Reference AuditLog audit) {
        this(storage.dataSource(), customers, staff, templates, audit, Clock.systemUTC());
    }

    ReportSchedulesService(DataSource ds, CustomerDirectory customers, StaffAccounts staff, ReportTemplatesService templates,
                           AuditLog audit, Clock clock) {
        this.ds = ds;
        this.customers = customers;
        this.staff = staff;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<ReportSchedule> list(Viewer viewer) {
        Roles.require(viewer, Roles.PARTNER_ADMIN);
        return Jdbc.list(ds, "SELECT " + COLUMNS + " FROM report_schedule WHERE partner_id = ? ORDER BY id",
                List.of(viewer.partnerId()), ReportSchedulesService::schedule);
    }

    /** Every partner's schedules. */
    List<Stored> all() {
        return Jdbc.list(ds, "SELECT " + COLUMNS + ", partner_id, created_at FROM report_schedule ORDER BY id", List.of(),
                rs -> new Stored(rs.getLong(7), Jdbc.instant(rs, 8), schedule(rs)));
    }

    @Override
    public ReportSchedule create(Viewer viewer, ReportSchedule s) {
        String action = "report.schedule.create";
        if (viewer == null || !viewer.can(Roles.PARTNER_ADMIN)) {
            if (viewer != null) {
                audit.record(viewer, action, null, null, AuditLog.DENIED, "needs partner.admin");
            }
            Roles.require(viewer, Roles.PARTNER_ADMIN);
        }
        if (s == null) {
            throw invalid(viewer, action, "body", "a schedule is required");
        }
        ReportTemplate t = templates.find(viewer.partnerId(), s.templateId()).orElseThrow(() -> {
            audit.record(viewer, action, null, null, AuditLog.FAILED, "unknown template " + s.templateId());
            return new NotFoundException("no report template with id " + s.templateId());
        });
        if (s.cadence() == null || !ReportSchedule.CADENCES.contains(s.cadence())) {
            throw invalid(viewer, action, "cadence", "the cadence is one of " + ReportSchedule.CADENCES);
        }
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(s.customerIds()));
        if (ids.isEmpty() || ids.size() > MAX_CUSTOMERS) {
            throw invalid(viewer, action, "customerIds", "a schedule runs for 1 to " + MAX_CUSTOMERS + " customers");
        }
        for (Long id : ids) {
            if (id == null || customers.find(viewer, id).isEmpty()) {
                audit.record(viewer, action, null, null, AuditLog.FAILED, "customerIds: " + id);
                throw new NotFoundException("no customer with id " + id);
            }
            if (!ReportTemplatesService.offered(t, id)) {
                throw invalid(viewer, action, "customerIds", "the template is not offered for customer " + id);
            }
        }
        List<Long> staffIds = new ArrayList<>(new LinkedHashSet<>(s.staffIds()));
        List<Long> partnerStaff = staff.list(viewer.partnerId()).stream().map(StaffUser::id).toList();
        for (Long id : staffIds) {
            if (id == null || !partnerStaff.contains(id)) {
                throw invalid(viewer, action, "staffIds", "no staff user with id " + id + " in the partner");
            }
        }
        LinkedHashSet<String> addresses = new LinkedHashSet<>();
        for (String a : s.addresses()) {
            String e = a == null ? "" : a.strip();
            if (!ReportDeliveriesService.EMAIL.matcher(e).matches()) {
                throw invalid(viewer, action, "addresses", "'" + PrivacyFilter.scrub(e.length() > 40 ? e.substring(0, 40) : e)
                        + "' is not an e-mail address");
            }
            addresses.add(e.toLowerCase(Locale.ROOT));
        }
        if (staffIds.size() > MAX_RECIPIENTS || addresses.size() > MAX_RECIPIENTS) {
            throw invalid(viewer, action, "recipients", "at most " + MAX_RECIPIENTS + " staff and " + MAX_RECIPIENTS + " customer recipients");
        }
        if (staffIds.isEmpty() && addresses.isEmpty()) {
            throw invalid(viewer, action, "recipients", "choose at least one staff or customer recipient");
        }
        String joined = Joined.of(List.copyOf(addresses));
        if (joined.length() > 2000) {
            throw invalid(viewer, action, "addresses", "the addresses take at most 2000 characters together");
        }
        long id;
        try (Connection c = ds.getConnection()) {
            id = Jdbc.insert(c, "INSERT INTO report_schedule (partner_id, template_id, cadence, customer_ids, staff_ids, addresses, "
                    + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", List.of(viewer.partnerId(), t.id(), s.cadence(),
                    Joined.of(ids), Joined.of(staffIds), joined, viewer.user(), clock.instant()));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot store the schedule", e);
        }
        audit.record(viewer, action, null, null, AuditLog.OK, t.name() + ", " + s.cadence() + ", " + ids.size() + " customer(s)");
        return new ReportSchedule(id, t.id(), s.cadence(), ids, staffIds, List.copyOf(addresses));
    }

    @Override
    public void delete(Viewer viewer, long scheduleId) {
        Roles.require(viewer, Roles.PARTNER_ADMIN);
        if (Jdbc.update(ds, "DELETE FROM report_schedule WHERE id = ? AND partner_id = ?", List.of(scheduleId, viewer.partnerId())) != 1) {
            throw new NotFoundException("no report schedule with id " + scheduleId);
        }
        audit.record(viewer, "report.schedule.delete", null, null, AuditLog.OK, "schedule " + scheduleId);
    }

    private InvalidParameterException invalid(Viewer viewer, String action, String field, String message) {
        audit.record(viewer, action, null, null, AuditLog.FAILED, field + ": " + message);
        return new InvalidParameterException(field, message);
    }

    private static ReportSchedule schedule(ResultSet rs) throws SQLException {
        return new ReportSchedule(rs.getLong(1), rs.getLong(2), rs.getString(3), Joined.longs(rs.getString(4)),
                Joined.longs(rs.getString(5)), Joined.strings(rs.getString(6)));
    }
}

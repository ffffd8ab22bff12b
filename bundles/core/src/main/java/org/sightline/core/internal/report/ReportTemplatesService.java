package org.sightline.core.internal.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.ConflictException;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.ReportTemplate;
import org.sightline.core.ReportTemplates;
import org.sightline.core.Roles;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;

/**
 * Report templates ({@code report_template}): the partner admin's permission for changes, the partner's scope for
 * every id (another partner's template or customer is a 404), validation naming the field, an audit entry for
 * every change.
 */
@Component(service = {ReportTemplates.class, ReportTemplatesService.class})
public class ReportTemplatesService implements ReportTemplates {
    static final Pattern SECTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    static final Pattern WIDGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_ITEMS = 40;
    private static final int MAX_CUSTOMERS = 200;
    private static final String COLUMNS = "id, name, sections, widgets, range_key, customer_ids, branding";

    private final DataSource ds;
    private final CustomerDirectory customers;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public ReportTemplatesService(@Reference CoreStorage storage, @Reference CustomerDirectory customers,
                                  @Reference AuditLog audit) {
        this(storage.dataSource(), customers, audit, Clock.systemUTC());
    }

    ReportTemplatesService(DataSource ds, CustomerDirectory customers, AuditLog audit, Clock clock) {
        this.ds = ds;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<ReportTemplate> list(Viewer viewer) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        return Jdbc.list(ds, "SELECT " + COLUMNS + " FROM report_template WHERE partner_id = ? ORDER BY name_lower, id",
                List.of(viewer.partnerId()), ReportTemplatesService::template);
    }

    @Override
    public List<ReportTemplate> forCustomer(Viewer viewer, long customerId) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        customers.find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        return list(viewer).stream().filter(t -> offered(t, customerId)).toList();
    }

    /** Whether "Generate report" offers the template for the customer. */
    static boolean offered(ReportTemplate t, long customerId) {
        return t.customerIds().isEmpty() || t.customerIds().contains(customerId);
    }

    @Override
    public ReportTemplate get(Viewer viewer, long templateId) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        return find(viewer.partnerId(), templateId)
                .orElseThrow(() -> new NotFoundException("no report template with id " + templateId));
    }

    /** The partner's template, if any (for the core's own callers that checked the caller). */
    Optional<ReportTemplate> find(long partnerId, long templateId) {
        return Jdbc.one(ds, "SELECT " + COLUMNS + " FROM report_template WHERE id = ? AND partner_id = ?",
                List.of(templateId, partnerId), ReportTemplatesService::template);
    }

    @Override
    public ReportTemplate create(Viewer viewer, ReportTemplate t) {
        String action = "report.template.create";
        admin(viewer, action, t == null ? "" : t.name());
        ReportTemplate v = valid(viewer, action, t);
        long id;
        try (java.sql.Connection c = ds.getConnection()) {
            id = Jdbc.insert(c, "INSERT INTO report_template (partner_id, name, name_lower, sections, widgets, range_key, "
                    + "customer_ids, branding, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    List.of(viewer.partnerId(), v.name(), v.name().toLowerCase(Locale.ROOT), Joined.of(v.sections()),
                            Joined.of(v.widgets()), v.range(), Joined.of(v.customerIds()), v.branding(), viewer.user(),
                            clock.instant()));
        } catch (SQLException e) {
            throw taken(viewer, action, v, e);
        }
        audit.record(viewer, action, null, null, AuditLog.OK, v.name());
        return get(viewer, id);
    }

    private RuntimeException taken(Viewer viewer, String action, ReportTemplate v, SQLException e) {
        if (Jdbc.isConstraintViolation(e)) {
            audit.record(viewer, action, null, null, AuditLog.FAILED, v.name() + ": name taken");
            return new ConflictException("the partner already has a report template named '" + v.name() + "'");
        }
        return Jdbc.failure("cannot store the report template", e);
    }

    @Override
    public ReportTemplate update(Viewer viewer, long templateId, ReportTemplate t) {
        String action = "report.template.edit";
        admin(viewer, action, String.valueOf(templateId));
        get(viewer, templateId);
        ReportTemplate v = valid(viewer, action, t);
        try (java.sql.Connection c = ds.getConnection()) {
            Jdbc.update(c, "UPDATE report_template SET name = ?, name_lower = ?, sections = ?, widgets = ?, range_key = ?, "
                    + "customer_ids = ?, branding = ? WHERE id = ? AND partner_id = ?",
                    List.of(v.name(), v.name().toLowerCase(Locale.ROOT), Joined.of(v.sections()), Joined.of(v.widgets()),
                            v.range(), Joined.of(v.customerIds()), v.branding(), templateId, viewer.partnerId()));
        } catch (SQLException e) {
            throw taken(viewer, action, v, e);
        }
        audit.record(viewer, action, null, null, AuditLog.OK, v.name());
        return get(viewer, templateId);
    }

    @Override
    public void delete(Viewer viewer, long templateId) {
        String action = "report.template.delete";
        admin(viewer, action, String.valueOf(templateId));
        ReportTemplate t = get(viewer, templateId);
        if (!Jdbc.list(ds, "SELECT 1 FROM report_schedule WHERE template_id = ?", List.of(templateId), rs -> 1).isEmpty()) {
            audit.record(viewer, action, null, null, AuditLog.FAILED, t.name() + ": scheduled");
            throw new ConflictException("the template is run by a schedule; delete the schedule first");
        }
        Jdbc.update(ds, "DELETE FROM report_template WHERE id = ? AND partner_id = ?", List.of(templateId, viewer.partnerId()));
        audit.record(viewer, action, null, null, AuditLog.OK, t.name());
    }

    private void admin(Viewer viewer, String action, String what) {
        if (viewer == null || !viewer.can(Roles.PARTNER_ADMIN)) {
            if (viewer != null) {
                audit.record(viewer, action, null, null, AuditLog.DENIED, PrivacyFilter.scrub(what == null ? "" : what));
            }
            Roles.require(viewer, Roles.PARTNER_ADMIN);
        }
    }

    /** The template's fields, checked and normalised (400 naming the field, 404 for a customer not in scope). */
    private ReportTemplate valid(Viewer viewer, String action, ReportTemplate t) {
        if (t == null) {
            throw invalid(viewer, action, "body", "a report template is required");
        }
        String name = t.name() == null ? "" : t.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw invalid(viewer, action, "name", "a template name is 1 to 100 characters");
        }
        List<String> sections = distinct(viewer, action, "sections", t.sections(), SECTION, "a section id such as usage or backup");
        List<String> widgets = distinct(viewer, action, "widgets", t.widgets(), WIDGET, "a widget id such as sms.spend");
        if (sections.isEmpty() && widgets.isEmpty()) {
            throw invalid(viewer, action, "sections", "a template includes at least one section or widget");
        }
        String range = t.range() == null ? "last-30-days" : t.range();
        if (!ReportTemplate.RANGES.contains(range)) {
            throw invalid(viewer, action, "range", "the range is one of " + ReportTemplate.RANGES);
        }
        String branding = t.branding() == null ? ReportTemplate.BRANDINGS.get(0) : t.branding();
        if (!ReportTemplate.BRANDINGS.contains(branding)) {
            throw invalid(viewer, action, "branding", "the branding is one of " + ReportTemplate.BRANDINGS);
        }
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(t.customerIds()));
        if (ids.size() > MAX_CUSTOMERS) {
            throw invalid(viewer, action, "customerIds", "a template names at most " + MAX_CUSTOMERS + " customers");
        }
        for (Long id : ids) {
            if (id == null || customers.find(viewer, id).isEmpty()) {
                audit.record(viewer, action, null, null, AuditLog.FAILED, "customerIds: " + id);
                throw new NotFoundException("no customer with id " + id);
            }
        }
        return new ReportTemplate(t.id(), name, sections, widgets, range, ids, branding);
    }

    private List<String> distinct(Viewer viewer, String action, String field, List<String> given, Pattern p, String what) {
        if (given.size() > MAX_ITEMS) {
            throw invalid(viewer, action, field, "at most " + MAX_ITEMS + " " + field);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : given) {
            if (s == null || !p.matcher(s).matches()) {
                throw invalid(viewer, action, field, "'" + PrivacyFilter.scrub(s == null ? "" : abbreviate(s)) + "' is not " + what);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private InvalidParameterException invalid(Viewer viewer, String action, String field, String message) {
        audit.record(viewer, action, null, null, AuditLog.FAILED, field + ": " + message);
        return new InvalidParameterException(field, message);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }

    private static ReportTemplate template(ResultSet rs) throws SQLException {
        return new ReportTemplate(rs.getLong(1), rs.getString(2), Joined.strings(rs.getString(3)),
                Joined.strings(rs.getString(4)), rs.getString(5), Joined.longs(rs.getString(6)), rs.getString(7));
    }
}

package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.core.Changes;
import org.sightline.core.ActionFailedException;
import org.sightline.core.UnavailableException;
import org.sightline.core.AuditLog;
import org.sightline.core.ConflictException;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDetails;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerUpdate;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.SightlineException;
import org.sightline.core.Subscription;
import org.sightline.core.SubscriptionChange;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.storage.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer actions: scope check (404), permission check (403), validation (400 naming the field), the
 * change, cache invalidation and an audit entry for every outcome.
 */
@Component(service = CustomerActions.class)
public class CustomerActionsImpl implements CustomerActions {
    /** Largest logo accepted. */
    public static final int MAX_LOGO_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerActionsImpl.class);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private final CustomerDirectory customers;
    private final DataSource ds;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Changes changes;
    private final CustomerIndex index;
    private final Map<Long, CustomerDataOwner> owners = new ConcurrentHashMap<>();

    @Activate
    public CustomerActionsImpl(@Reference CustomerDirectory customers,
                               @Reference org.sightline.core.internal.storage.CoreStorage storage,
                               @Reference AuditLog audit, @Reference Changes changes, @Reference CustomerIndex index) {
        this.index = index;
        this.customers = customers;
        this.ds = storage.dataSource();
        this.transactions = storage.transactions();
        this.audit = audit;
        this.changes = changes;
    }

    @Reference(service = CustomerDataOwner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindOwner(ServiceReference<CustomerDataOwner> ref, CustomerDataOwner owner) {
        owners.put((Long) ref.getProperty(Constants.SERVICE_ID), owner);
    }

    void unbindOwner(ServiceReference<CustomerDataOwner> ref) {
        owners.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    /** Adds a data owner (tests). */
    public void addOwner(long id, CustomerDataOwner owner) {
        owners.put(id, owner);
    }

    @Override
    public CustomerDetails update(Viewer viewer, long customerId, CustomerUpdate u) {
        CustomerRef c = actOn(viewer, customerId, "customer.edit");
        FieldChanges ch = changes(viewer, "customer.edit", c.id(), label(c), u);
        if (ch.sets.isEmpty()) {
            throw invalid(viewer, c, "customer.edit", "body", "nothing to change");
        }
        try (Connection conn = ds.getConnection()) {
            conn.setAutoCommit(false);
            try {
                apply(viewer, conn, c.id(), label(c), "customer.edit", ch);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot update customer", e);
        }
        changes.announce(new Changes.Customer(c.id()));
        changes.announce(new Changes.Partner(c.partnerId()));
        audit.record(viewer, "customer.edit", c.id(), label(c), AuditLog.OK, "changed " + String.join(", ", ch.changed));
        return customers.details(viewer, c.id());
    }

    @Override
    public CustomerDetails create(Viewer viewer, String accountId, CustomerUpdate u) {
        String action = "customer.create";
        String label = (u.name() == null ? "" : u.name().strip()) + " (" + accountId + ")";
        if (!viewer.can(Roles.PARTNER_ADMIN) || !viewer.can(Permissions.CUSTOMER_ACT)) {
            audit.record(viewer, action, null, label, AuditLog.DENIED, "needs a partner admin of a partner that is not view-only");
            throw new ForbiddenException("only a partner admin of a partner that is not view-only may create customers");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw invalid(viewer, null, label, action, "accountId", "an account id is 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (u.name() == null) {
            throw invalid(viewer, null, label, action, "name", "a customer name is 1 to 200 characters");
        }
        if (u.currency() == null) {
            throw invalid(viewer, null, label, action, "currency", "the billing currency is an ISO 4217 code such as EUR");
        }
        // The same rules as an edit, field by field.
        FieldChanges ch = changes(viewer, action, null, label, u);
        long id;
        try (Connection conn = ds.getConnection()) {
            conn.setAutoCommit(false);
            try {
                if (!Jdbc.list(conn, "SELECT 1 FROM customer WHERE partner_id = ? AND account_lower = ?",
                        List.of(viewer.partnerId(), accountId.toLowerCase(Locale.ROOT)), rs -> 1).isEmpty()) {
                    audit.record(viewer, action, null, label, AuditLog.FAILED, "accountId: taken");
                    throw new ConflictException("the partner already has a customer with account id " + accountId);
                }
                String name = u.name().strip();
                id = Jdbc.insert(conn, "INSERT INTO customer (partner_id, account_id, name, name_lower, currency, credits, "
                        + "access_enabled, account_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        List.of(viewer.partnerId(), accountId, name, name.toLowerCase(Locale.ROOT), u.currency(),
                                BigDecimal.ZERO, u.accessEnabled() == null || u.accessEnabled(), accountId.toLowerCase(Locale.ROOT)));
                apply(viewer, conn, id, label, action, ch);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (Jdbc.isConstraintViolation(e)) {
                audit.record(viewer, action, null, label, AuditLog.FAILED, "accountId: taken");
                throw new ConflictException("the partner already has a customer with account id " + accountId);
            }
            throw Jdbc.failure("cannot create customer", e);
        }
        changes.announce(new Changes.Partner(viewer.partnerId()));
        audit.record(viewer, action, id, label, AuditLog.OK, "created with " + String.join(", ", ch.changed));
        return customers.details(viewer, id);
    }

    /** The columns an edit sets, and the fields it changes (for the audit log). */
    private record FieldChanges(List<String> sets, List<Object> args, List<String> changed) {
    }

    /** Validates an edit field by field (400 naming the field, audited as failed). */
    private FieldChanges changes(Viewer viewer, String action, Long customerId, String label, CustomerUpdate u) {
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        if (u.name() != null) {
            String name = u.name().strip();
            if (!CustomerColumns.nameFits(name)) {
                throw invalid(viewer, customerId, label, action, "name", "a customer name is 1 to 200 characters, in lower case too");
            }
            sets.add("name = ?");
            args.add(name);
            sets.add("name_lower = ?");
            args.add(name.toLowerCase(Locale.ROOT));
            changed.add("name");
        }
        if (u.currency() != null) {
            if (!u.currency().matches("[A-Z]{3}")) {
                throw invalid(viewer, customerId, label, action, "currency", "the billing currency is an ISO 4217 code such as EUR");
            }
            sets.add("currency = ?");
            args.add(u.currency());
            changed.add("currency");
        }
        if (u.environmentUrl() != null) {
            String url = u.environmentUrl().strip();
            if (!url.isEmpty() && !httpsUrl(url)) {
                throw invalid(viewer, customerId, label, action, "environmentUrl", "the environment URL is an https:// address of at most 500 characters");
            }
            sets.add("environment_url = ?");
            args.add(url.isEmpty() ? null : url);
            changed.add("environmentUrl");
        }
        if (u.accessEnabled() != null) {
            if (!viewer.roles().contains(Roles.ADMIN)) {
                audit.record(viewer, action, customerId, label, AuditLog.DENIED, "accessEnabled needs an admin");
                throw new ForbiddenException("only a partner admin may change whether access is enabled");
            }
            sets.add("access_enabled = ?");
            args.add(u.accessEnabled());
            changed.add("accessEnabled");
        }
        if (u.billingRecipients() != null) {
            if (u.billingRecipients().size() > 20) {
                throw invalid(viewer, customerId, label, action, "billingRecipients", "at most 20 billing report recipients");
            }
            List<String> clean = new ArrayList<>();
            for (String r : u.billingRecipients()) {
                String e = r == null ? "" : r.strip();
                if (!EMAIL.matcher(e).matches()) {
                    throw invalid(viewer, customerId, label, action, "billingRecipients", "'" + abbreviate(e) + "' is not an e-mail address");
                }
                if (!clean.contains(e)) {
                    clean.add(e);
                }
            }
            String joined = String.join(",", clean);
            if (!CustomerColumns.recipientsFit(joined)) {
                throw invalid(viewer, customerId, label, action, "billingRecipients", "the billing report recipients take at most "
                        + CustomerColumns.BILLING_RECIPIENTS + " characters together (with a comma between each)");
            }
            sets.add("billing_recipients = ?");
            args.add(clean.isEmpty() ? null : joined);
            changed.add("billingRecipients");
        }
        if (u.billingProfile() != null) {
            String p = u.billingProfile().strip();
            if (p.length() > 100) {
                throw invalid(viewer, customerId, label, action, "billingProfile", "a billing profile is at most 100 characters");
            }
            sets.add("billing_profile = ?");
            args.add(p.isEmpty() ? null : p);
            changed.add("billingProfile");
        }
        if (u.billingSend() != null) {
            sets.add("billing_send = ?");
            args.add(u.billingSend());
            changed.add("billingSend");
        }
        if (u.reportRecipients() != null) {
            String joined = recipients(viewer, customerId, label, action, "reportRecipients", u.reportRecipients());
            sets.add("report_recipients = ?");
            args.add(joined.isEmpty() ? null : joined);
            changed.add("reportRecipients");
        }
        if (u.reportSend() != null) {
            sets.add("report_send = ?");
            args.add(u.reportSend());
            changed.add("reportSend");
        }
        return new FieldChanges(sets, args, changed);
    }

    /** Recipients as stored: valid addresses, each once, joined by commas (400 naming the field otherwise). */
    private String recipients(Viewer viewer, Long customerId, String label, String action, String field, List<String> given) {
        if (given.size() > 20) {
            throw invalid(viewer, customerId, label, action, field, "at most 20 report recipients");
        }
        List<String> clean = new ArrayList<>();
        for (String r : given) {
            String e = r == null ? "" : r.strip();
            if (!EMAIL.matcher(e).matches()) {
                throw invalid(viewer, customerId, label, action, field, "'" + abbreviate(e) + "' is not an e-mail address");
            }
            if (!clean.contains(e)) {
                clean.add(e);
            }
        }
        String joined = String.join(",", clean);
        if (!CustomerColumns.recipientsFit(joined)) {
            throw invalid(viewer, customerId, label, action, field, "the report recipients take at most "
                    + CustomerColumns.BILLING_RECIPIENTS + " characters together (with a comma between each)");
        }
        return joined;
    }

    /** Writes the changes in the caller's transaction; sending billing reports needs a recipient. */
    private void apply(Viewer viewer, Connection conn, long customerId, String label, String action, FieldChanges ch)
            throws SQLException {
        if (ch.sets.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(ch.args);
        args.add(customerId);
        Jdbc.update(conn, "UPDATE customer SET " + String.join(", ", ch.sets) + " WHERE id = ?", args);
        Object[] billing = Jdbc.list(conn, "SELECT billing_send, billing_recipients FROM customer WHERE id = ?",
                List.of(customerId), rs -> new Object[] {rs.getBoolean(1), rs.getString(2)}).get(0);
        if ((Boolean) billing[0] && billing[1] == null) {
            throw invalid(viewer, customerId, label, action, "billingRecipients",
                    "sending billing reports needs at least one recipient");
        }
        Object[] reports = Jdbc.list(conn, "SELECT report_send, report_recipients FROM customer WHERE id = ?",
                List.of(customerId), rs -> new Object[] {rs.getBoolean(1), rs.getString(2)}).get(0);
        if ((Boolean) reports[0] && reports[1] == null) {
            throw invalid(viewer, customerId, label, action, "reportRecipients",
                    "sending reports needs at least one recipient");
        }
    }

    @Override
    public String setLogo(Viewer viewer, long customerId, byte[] image) {
        CustomerRef c = actOn(viewer, customerId, "customer.logo");
        if (image == null || image.length == 0) {
            throw invalid(viewer, c, "customer.logo", "logo", "the logo is empty");
        }
        if (image.length > MAX_LOGO_BYTES) {
            throw invalid(viewer, c, "customer.logo", "logo", "the logo is larger than 256 KiB");
        }
        String type = imageType(image);
        if (type == null) {
            throw invalid(viewer, c, "customer.logo", "logo", "the logo is not a PNG, JPEG or WebP image");
        }
        try {
            transactions.inTransaction((conn, tx) -> {
                Jdbc.update(conn, "DELETE FROM customer_logo WHERE customer_id = ?", List.of(c.id()));
                Jdbc.update(conn, "INSERT INTO customer_logo (customer_id, content_type, bytes, updated_at) VALUES (?, ?, ?, ?)",
                        List.of(c.id(), type, image, java.time.Instant.now()));
                Jdbc.update(conn, "UPDATE customer SET logo_version = logo_version + 1 WHERE id = ?", List.of(c.id()));
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Jdbc.failure("cannot store the logo", e);
        }
        audit.record(viewer, "customer.logo", c.id(), label(c), AuditLog.OK, type + ", " + image.length + " bytes");
        return type;
    }

    /** The image type the bytes start with: PNG, JPEG or WebP; {@code null} for anything else. */
    public static String imageType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
                && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    @Override
    public void pin(Viewer viewer, long customerId, boolean pinned) {
        String action = pinned ? "customer.pin" : "customer.unpin";
        CustomerRef c = actOn(viewer, customerId, action);
        long staff = staffId(viewer);
        if (staff < 0) {
            throw new ForbiddenException("only portal users pin customers");
        }
        try (Connection conn = ds.getConnection()) {
            Jdbc.update(conn, "DELETE FROM customer_pin WHERE staff_id = ? AND customer_id = ?", List.of(staff, c.id()));
            if (pinned) {
                Jdbc.update(conn, "INSERT INTO customer_pin (staff_id, customer_id) VALUES (?, ?)", List.of(staff, c.id()));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot pin", e);
        }
        index.pinned(c.partnerId(), staff, c.id(), pinned);
        audit.record(viewer, action, c.id(), label(c), AuditLog.OK, null);
    }

    @Override
    public void hideExpired(Viewer viewer, long customerId, boolean hide) {
        String action = hide ? "customer.hide-expired" : "customer.show-expired";
        CustomerRef c = actOn(viewer, customerId, action);
        Jdbc.update(ds, "UPDATE customer SET hide_expired = ? WHERE id = ?", List.of(hide, c.id()));
        changes.announce(new Changes.Customer(c.id()));
        changes.announce(new Changes.Partner(c.partnerId()));
        audit.record(viewer, action, c.id(), label(c), AuditLog.OK, null);
    }

    @Override
    public List<Subscription> addSubscriptions(Viewer viewer, long customerId, List<SubscriptionChange> services) {
        CustomerRef c = actOn(viewer, customerId, "subscription.add");
        if (services == null || services.isEmpty() || services.size() > 50) {
            throw invalid(viewer, c, "subscription.add", "services", "give 1 to 50 services to add");
        }
        List<String> added = new ArrayList<>();
        try {
            transactions.inTransaction((conn, tx) -> {
                for (SubscriptionChange s : services) {
                    if (s == null || s.productId() == null || !PRODUCT.matcher(s.productId()).matches()) {
                        throw invalid(viewer, c, "subscription.add", "productId", "a product id is lower case letters, digits and dashes");
                    }
                    Subscription v = validate(viewer, c, "subscription.add", new Subscription(s.productId(),
                            s.status() == null ? "not-started" : s.status(),
                            s.startsOn() == null ? LocalDate.now() : s.startsOn(), s.endsOn(), s.quantity(), s.quota()));
                    if (!Jdbc.list(conn, "SELECT 1 FROM subscription WHERE customer_id = ? AND product_id = ?",
                            List.of(c.id(), v.productId()), rs -> 1).isEmpty()) {
                        throw invalid(viewer, c, "subscription.add", "productId", "the customer already subscribes to " + v.productId());
                    }
                    Jdbc.update(conn, "INSERT INTO subscription (customer_id, product_id, status, starts_on, ends_on, quantity, "
                            + "quota, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Arrays.asList(c.id(), v.productId(), v.status(),
                            date(v.startsOn()), date(v.endsOn()), v.quantity(), v.quota(), java.time.Instant.now()));
                    added.add(v.productId() + " (" + v.status() + ")");
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Jdbc.failure("cannot add services", e);
        }
        changes.announce(new Changes.Customer(c.id()));
        changes.announce(new Changes.Partner(c.partnerId()));
        audit.record(viewer, "subscription.add", c.id(), label(c), AuditLog.OK, "added " + String.join(", ", added));
        List<String> ids = services.stream().map(SubscriptionChange::productId).toList();
        return customers.subscriptions(viewer, c.id(), null).stream().filter(s -> ids.contains(s.productId())).toList();
    }

    @Override
    public void subscribeAsOperator(Viewer operator, long customerId, String productId, String status) {
        Roles.require(operator, Permissions.ADMIN);
        if (productId == null || !PRODUCT.matcher(productId).matches()) {
            throw new InvalidParameterException("product", "a product id is lower case letters, digits and dashes");
        }
        Object[] c = Jdbc.one(ds, "SELECT partner_id, name, account_id FROM customer WHERE id = ?", List.of(customerId),
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        CustomerDirectoryImpl.upsertSubscription(ds, customerId, productId, status);
        changes.announce(new Changes.Partner((Long) c[0]));
        changes.announce(new Changes.Customer(customerId));
        audit.record(new org.sightline.core.AuditEntry(0, java.time.Instant.now(), (Long) c[0], operator.user(), "subscription.set",
                customerId, c[1] + " (" + c[2] + ")", AuditLog.OK, productId + " (" + status + ")", null));
    }

    @Override
    public Subscription editSubscription(Viewer viewer, long customerId, String productId, SubscriptionChange ch) {
        CustomerRef c = actOn(viewer, customerId, "subscription.edit");
        Subscription current;
        try (Connection conn = ds.getConnection()) {
            current = Jdbc.list(conn, "SELECT product_id, status, starts_on, ends_on, quantity, quota FROM subscription "
                    + "WHERE customer_id = ? AND product_id = ?", List.of(c.id(), String.valueOf(productId)),
                    CustomerDirectoryImpl::subscription).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("customer " + customerId + " has no subscription to " + productId));
            Subscription v = validate(viewer, c, "subscription.edit", new Subscription(current.productId(),
                    ch.status() == null ? current.status() : ch.status(),
                    ch.startsOn() == null ? current.startsOn() : ch.startsOn(),
                    ch.endsOn() == null ? current.endsOn() : ch.endsOn(),
                    ch.quantity() == null ? current.quantity() : ch.quantity(),
                    ch.quota() == null ? current.quota() : ch.quota()));
            Jdbc.update(conn, "UPDATE subscription SET status = ?, starts_on = ?, ends_on = ?, quantity = ?, quota = ?, "
                    + "updated_at = ? WHERE customer_id = ? AND product_id = ?", Arrays.asList(v.status(), date(v.startsOn()),
                    date(v.endsOn()), v.quantity(), v.quota(), java.time.Instant.now(), c.id(), v.productId()));
            changes.announce(new Changes.Customer(c.id()));
            changes.announce(new Changes.Partner(c.partnerId()));
            audit.record(viewer, "subscription.edit", c.id(), label(c), AuditLog.OK, v.productId() + ": "
                    + describe(current, v));
            return v;
        } catch (SQLException e) {
            throw Jdbc.failure("cannot edit the subscription", e);
        }
    }

    @Override
    public List<String> disconnect(Viewer viewer, long customerId, String confirm) {
        CustomerRef c = actOn(viewer, customerId, "customer.disconnect");
        if (!"Yes".equals(confirm)) {
            throw invalid(viewer, c, "customer.disconnect", "confirm", "type Yes to confirm the disconnection");
        }
        List<CustomerDataOwner> snapshot = new ArrayList<>(owners.values());
        snapshot.sort(Comparator.comparing(CustomerDataOwner::module));
        List<String> modules = new ArrayList<>();
        String[] current = new String[1];
        try {
            transactions.inTransaction((conn, tx) -> {
                for (CustomerDataOwner o : snapshot) {
                    current[0] = o.module();
                    o.deleteCustomerData(c, tx);
                    modules.add(o.module());
                }
                current[0] = "core";
                for (String table : List.of("customer_pin", "staff_customer", "customer_group_member", "customer_logo",
                        "subscription", "sample_data")) {
                    Jdbc.update(conn, "DELETE FROM " + table + " WHERE customer_id = ?", List.of(c.id()));
                }
                if (Jdbc.update(conn, "DELETE FROM customer WHERE id = ? AND partner_id = ?", List.of(c.id(), c.partnerId())) != 1) {
                    throw new IllegalStateException("the customer row was not deleted");
                }
                return null;
            });
        } catch (Exception e) {
            LOG.warn("Disconnecting customer {} failed in module {}; nothing was deleted", c.id(), current[0], e);
            audit.record(viewer, "customer.disconnect", c.id(), label(c), AuditLog.FAILED,
                    "module " + current[0] + " failed (" + e.getClass().getSimpleName() + "); nothing was deleted");
            if (UnavailableException.isConnectionFailure(e)) {
                throw new UnavailableException(e);
            }
            // The module's own message stays in the log; the caller learns which module failed and that nothing changed.
            throw new ActionFailedException("the " + current[0] + " module could not delete the customer's data; nothing was deleted");
        }
        changes.announce(new Changes.Customer(c.id()));
        changes.announce(new Changes.Partner(c.partnerId()));
        audit.record(viewer, "customer.disconnect", c.id(), label(c), AuditLog.OK,
                "deleted the data of " + (modules.isEmpty() ? "the core" : String.join(", ", modules) + " and the core"));
        return modules;
    }

    @Override
    public String openEnvironment(Viewer viewer, long customerId) {
        CustomerRef c = actOn(viewer, customerId, "customer.environment");
        if (!c.accessEnabled()) {
            audit.record(viewer, "customer.environment", c.id(), label(c), AuditLog.DENIED, "access is disabled");
            throw new ConflictException("access to this customer's tenant and services is disabled");
        }
        Optional<String> url = Jdbc.one(ds, "SELECT environment_url FROM customer WHERE id = ?", List.of(c.id()),
                rs -> rs.getString(1)).filter(u -> u != null && !u.isBlank());
        if (url.isEmpty()) {
            throw new ConflictException("this customer has no environment URL");
        }
        audit.record(viewer, "customer.environment", c.id(), label(c), AuditLog.OK, null);
        return url.get();
    }

    private CustomerRef actOn(Viewer viewer, long customerId, String action) {
        CustomerRef c = customers.find(viewer, customerId)
                .orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        if (!viewer.can(Permissions.CUSTOMER_ACT)) {
            audit.record(viewer, action, c.id(), label(c), AuditLog.DENIED, "the user may not act on customers");
            throw new ForbiddenException("this needs the '" + Permissions.CUSTOMER_ACT + "' permission: viewers and "
                    + "view-only partners cannot change customers");
        }
        return c;
    }

    private long staffId(Viewer viewer) {
        return index.roster().idOf(viewer.partnerId(), viewer.user());
    }

    private Subscription validate(Viewer viewer, CustomerRef c, String action, Subscription s) {
        if (!Subscription.STATUSES.contains(s.status())) {
            throw invalid(viewer, c, action, "status", "status must be one of " + Subscription.STATUSES);
        }
        if (s.startsOn() != null && s.endsOn() != null && s.endsOn().isBefore(s.startsOn())) {
            throw invalid(viewer, c, action, "endsOn", "the end date is before the start date");
        }
        if (s.quantity() != null && s.quantity() < 0) {
            throw invalid(viewer, c, action, "quantity", "quantity must not be negative");
        }
        if (s.quota() != null && s.quota() < 0) {
            throw invalid(viewer, c, action, "quota", "quota must not be negative");
        }
        return s;
    }

    private SightlineException invalid(Viewer viewer, CustomerRef c, String action, String field, String message) {
        return invalid(viewer, c.id(), label(c), action, field, message);
    }

    private SightlineException invalid(Viewer viewer, Long customerId, String label, String action, String field, String message) {
        audit.record(viewer, action, customerId, label, AuditLog.FAILED, field + ": " + message);
        return new InvalidParameterException(field, message);
    }

    private static String describe(Subscription a, Subscription b) {
        List<String> d = new ArrayList<>();
        if (!a.status().equals(b.status())) {
            d.add("status " + a.status() + " -> " + b.status());
        }
        if (!java.util.Objects.equals(a.startsOn(), b.startsOn())) {
            d.add("starts " + b.startsOn());
        }
        if (!java.util.Objects.equals(a.endsOn(), b.endsOn())) {
            d.add("ends " + b.endsOn());
        }
        if (!java.util.Objects.equals(a.quantity(), b.quantity())) {
            d.add("quantity " + b.quantity());
        }
        if (!java.util.Objects.equals(a.quota(), b.quota())) {
            d.add("quota " + b.quota());
        }
        return d.isEmpty() ? "no change" : String.join(", ", d);
    }

    private static boolean httpsUrl(String url) {
        if (url.length() > 500) {
            return false;
        }
        try {
            URI u = new URI(url);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static java.sql.Date date(LocalDate d) {
        return d == null ? null : java.sql.Date.valueOf(d);
    }

    static String label(CustomerRef c) {
        return c.name() + " (" + c.accountId() + ")";
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 37) + "..." : v;
    }
}

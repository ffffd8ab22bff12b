package org.sightline.lifecycle.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.ConflictException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ModuleCheck;
import org.sightline.core.ModuleJar;
import org.sightline.core.ModuleUpdate;
import org.sightline.core.NotFoundException;
import org.sightline.core.PayloadTooLargeException;
import org.sightline.core.ProductLifecycle;
import org.sightline.core.Roles;
import org.sightline.core.WidgetHealth;
import org.sightline.core.WidgetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, installs and updates product modules. An update keeps a copy of the running bundle's jar, updates
 * the bundle in place (same bundle id, so the registry sees the product come back), watches it, and updates
 * it back to the copy when it does not hold up. The registry already turns a widget that is gone or being
 * swapped into an error card, so dashboards keep answering through both swaps.
 *
 * <p>It sees modules as the core's exported {@link WidgetRegistry} and the framework show them: the bundle that
 * provides a product is the one whose {@link Product} service has the product's id, and a widget belongs to a
 * bundle when its health names that bundle's symbolic name and version.
 */
@Component(service = ProductLifecycle.class, configurationPid = LifecycleConfig.PID)
@Designate(ocd = LifecycleConfig.class)
public class ProductLifecycleImpl implements ProductLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ProductLifecycleImpl.class);
    private static final Set<String> SCHEMES = Set.of("file", "http", "https", "mvn");
    private static final long POLL_MILLIS = 50;

    private final BundleContext context;
    private final WidgetRegistry registry;
    private final AuditLog audit;
    private final ModuleChecker checker;
    private final HealthVerdict verdict;
    private final long watchMillis;
    private final long startMillis;
    private final int maxBytes;
    private final ReentrantLock updating = new ReentrantLock();

    @Activate
    public ProductLifecycleImpl(BundleContext context, @Reference WidgetRegistry registry, @Reference AuditLog audit,
                                LifecycleConfig config) {
        this.context = context;
        this.registry = registry;
        this.audit = audit;
        this.checker = new ModuleChecker(context);
        this.verdict = new HealthVerdict(config.failure_ratio(), Math.max(1, config.min_renders()));
        this.watchMillis = Math.max(0, config.watch_seconds()) * 1000L;
        this.startMillis = Math.max(1, config.start_seconds()) * 1000L;
        this.maxBytes = config.max_jar_bytes();
    }

    @Override
    public ModuleJar read(Viewer caller, String url) {
        Roles.require(caller, Permissions.ADMIN);
        if (url == null || url.isBlank()) {
            throw new InvalidParameterException("url", "give the module's URL (file:, http:, https: or mvn:)");
        }
        URL u;
        try {
            u = new URL(url.trim());
        } catch (MalformedURLException e) {
            throw new InvalidParameterException("url", "'" + url + "' is not a URL (file:, http:, https: or mvn:)");
        }
        if (!SCHEMES.contains(u.getProtocol().toLowerCase(Locale.ROOT))) {
            throw new InvalidParameterException("url", "scheme '" + u.getProtocol() + "' is not one of file, http, https, mvn");
        }
        try (InputStream in = u.openStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new InvalidParameterException("url", url + " is larger than " + maxBytes + " bytes");
            }
            return new ModuleJar(url.trim(), bytes);
        } catch (IOException e) {
            LOG.warn("Cannot read module {}", url, e);
            throw new InvalidParameterException("url", "cannot read " + url);
        }
    }

    @Override
    public ModuleCheck check(Viewer caller, ModuleJar jar) {
        Roles.require(caller, Permissions.ADMIN);
        ModuleManifest m = manifest(jar);
        ModuleCheck c = checker.check(m, null);
        audit.record(caller, "product.check", null, null, AuditLog.OK, m.symbolicName() + " " + m.version() + " from "
                + jar.origin() + (c.resolvable() ? ": resolvable" : ": missing " + String.join(", ", c.missing())));
        return c;
    }

    @Override
    public ModuleUpdate install(Viewer caller, ModuleJar jar) {
        Roles.require(caller, Permissions.ADMIN);
        ModuleManifest m = manifest(jar);
        for (Bundle b : context.getBundles()) {
            if (m.symbolicName().equals(b.getSymbolicName())) {
                audit.record(caller, "product.install", null, null, AuditLog.FAILED, m.symbolicName() + " is installed already");
                throw new ConflictException(m.symbolicName() + " " + b.getVersion()
                        + " is installed already: update its product instead");
            }
        }
        ModuleCheck c = checker.check(m, null);
        if (!c.resolvable()) {
            audit.record(caller, "product.install", null, null, AuditLog.FAILED, ModuleChecker.problem(c));
            throw new ConflictException(ModuleChecker.problem(c));
        }
        long t0 = System.nanoTime();
        Bundle b;
        try {
            // A URL it was read from stays its location, so that Karaf's bundle:update finds it again.
            String location = jar.origin().contains(":") ? jar.origin() : "sightline:upload/" + m.symbolicName();
            b = context.installBundle(location, new ByteArrayInputStream(jar.bytes()));
            b.start();
        } catch (BundleException e) {
            LOG.warn("Installing {} from {} failed", m.symbolicName(), jar.origin(), e);
            audit.record(caller, "product.install", null, null, AuditLog.FAILED, m.symbolicName() + ": " + e.getType());
            throw new ConflictException(m.symbolicName() + " " + m.version() + " could not be installed and started; the log has the reason");
        }
        long took = millisSince(t0);
        audit.record(caller, "product.install", null, null, AuditLog.OK, m.symbolicName() + " " + m.version() + " from " + jar.origin());
        return new ModuleUpdate(null, m.symbolicName(), null, b.getVersion().toString(), ModuleUpdate.INSTALLED, null, took, 0, 0, 0, 0);
    }

    @Override
    public ModuleUpdate update(Viewer caller, String productId, ModuleJar jar) {
        Roles.require(caller, Permissions.ADMIN);
        Bundle bundle = provider(productId)
                .orElseThrow(() -> new NotFoundException("no deployed module provides product '" + productId + "'"));
        ModuleManifest m = manifest(jar);
        if (!m.symbolicName().equals(bundle.getSymbolicName())) {
            throw new InvalidParameterException("jar", jar.origin() + " is " + m.symbolicName()
                    + ", but product '" + productId + "' comes from " + bundle.getSymbolicName());
        }
        ModuleCheck c = checker.check(m, bundle);
        if (!c.resolvable()) {
            audit.record(caller, "product.update", null, null, AuditLog.FAILED, "product " + productId + ": " + ModuleChecker.problem(c));
            throw new ConflictException("product " + productId + ": " + ModuleChecker.problem(c));
        }
        if (!updating.tryLock()) {
            throw new ConflictException("another product update is running; try again when it has finished");
        }
        try {
            return swap(caller, productId, bundle, jar, m);
        } finally {
            updating.unlock();
        }
    }

    private ModuleUpdate swap(Viewer caller, String productId, Bundle bundle, ModuleJar jar, ModuleManifest m) {
        String from = bundle.getVersion().toString();
        byte[] previous = BundleJar.copy(bundle);
        List<WidgetHealth> before = widgets(bundle);
        Set<String> failingBefore = verdict.failing(before);
        Set<String> widgetsBefore = before.stream().map(w -> w.descriptor().id()).collect(Collectors.toSet());
        LOG.info("Updating {} ({}) from {} to {} ({})", productId, bundle.getSymbolicName(), from, m.version(), jar.origin());

        long t0 = System.nanoTime();
        String reason = null;
        try {
            bundle.update(new ByteArrayInputStream(jar.bytes()));
        } catch (BundleException e) {
            LOG.warn("Update of {} to {} failed", bundle.getSymbolicName(), m.version(), e);
            reason = bundle.getVersion().equals(m.version()) ? "the bundle did not start (its start failed)"
                    : "the update failed (" + e.getType() + ")";
        }
        if (reason == null) {
            reason = awaitStarted(bundle, productId);
        }
        long updateMillis = millisSince(t0);

        long t1 = System.nanoTime();
        long until = t1 + watchMillis * 1_000_000;
        while (reason == null && System.nanoTime() < until) {
            reason = bundle.getState() != Bundle.ACTIVE ? "the bundle stopped (state " + bundle.getState() + ")"
                    : verdict.judge(failingBefore, widgets(bundle));
            if (reason == null) {
                sleep(POLL_MILLIS);
            }
        }
        if (reason == null) {
            reason = HealthVerdict.missing(widgetsBefore, widgets(bundle));
        }
        if (reason == null && !deployed(productId, bundle)) {
            reason = "product '" + productId + "' is no longer registered";
        }
        long watched = millisSince(t1);
        long[] seen = renders(bundle);
        String to = m.version().toString();
        if (reason == null) {
            audit.record(caller, "product.update", null, null, AuditLog.OK, "product " + productId + ": " + bundle.getSymbolicName() + " " + from + " -> " + to
                    + " from " + jar.origin() + ", watched " + watched + " ms, " + seen[0] + " renders");
            LOG.info("Updated {} to {}: watched {} ms, {} renders, {} failed", productId, to, watched, seen[0], seen[1]);
            return new ModuleUpdate(productId, bundle.getSymbolicName(), from, to, ModuleUpdate.UPDATED, null, updateMillis, watched, 0,
                    seen[0], seen[1]);
        }

        LOG.warn("Rolling {} back from {} to {}: {}", productId, to, from, reason);
        long t2 = System.nanoTime();
        String back;
        try {
            bundle.update(new ByteArrayInputStream(previous));
            if (bundle.getState() != Bundle.ACTIVE) {
                // the failed release was not active, so the update did not start the previous one again
                bundle.start();
            }
            back = awaitStarted(bundle, productId);
        } catch (BundleException e) {
            LOG.error("Rollback of {} to {} failed", bundle.getSymbolicName(), from, e);
            back = "the rollback failed (" + e.getType() + ")";
        }
        long rollbackMillis = millisSince(t2);
        String detail = "product " + productId + ": " + bundle.getSymbolicName() + " " + from + " -> " + to + " from " + jar.origin() + ": " + reason
                + "; rolled back to " + from + " in " + rollbackMillis + " ms" + (back == null ? "" : ", but " + back);
        audit.record(caller, "product.rollback", null, null, back == null ? AuditLog.OK : AuditLog.FAILED, detail);
        if (back != null) {
            throw new ConflictException("update of '" + productId + "' to " + to + " failed: " + reason
                    + "; the rollback to " + from + " failed too: " + back);
        }
        LOG.info("Rolled {} back to {} in {} ms", productId, from, rollbackMillis);
        return new ModuleUpdate(productId, bundle.getSymbolicName(), from, to, ModuleUpdate.ROLLED_BACK, reason, updateMillis, watched,
                rollbackMillis, seen[0], seen[1]);
    }

    private ModuleManifest manifest(ModuleJar jar) {
        if (jar.bytes().length > maxBytes) {
            throw new PayloadTooLargeException("a module jar may have at most " + maxBytes + " bytes");
        }
        return ModuleManifest.read(jar);
    }

    /** {@code null} once the bundle is active and its product registered again, else why not. */
    private String awaitStarted(Bundle bundle, String productId) {
        long until = System.nanoTime() + startMillis * 1_000_000;
        while (System.nanoTime() < until) {
            if (deployed(productId, bundle)) {
                return null;
            }
            if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.RESOLVED) {
                // update() started it if it was active; a bundle left here did not start (resolve or activator failure)
                sleep(POLL_MILLIS);
                if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.RESOLVED) {
                    return "the bundle did not start (" + (bundle.getState() == Bundle.INSTALLED ? "it does not resolve"
                            : "its start failed") + ")";
                }
            }
            sleep(POLL_MILLIS);
        }
        return bundle.getState() != Bundle.ACTIVE ? "the bundle did not start within " + startMillis + " ms"
                : "product '" + productId + "' was not registered within " + startMillis + " ms";
    }

    /**
     * The active bundle whose {@link Product} service has the id; the newest registration when several have it
     * (an update registers the new service while the old one is on its way out).
     */
    private Optional<Bundle> provider(String productId) {
        try {
            return context.getServiceReferences(Product.class, null).stream()
                    .sorted(Comparator.comparingLong((ServiceReference<Product> r) -> (Long) r.getProperty(Constants.SERVICE_ID)).reversed())
                    .filter(r -> productId.equals(productId(r)))
                    .map(ServiceReference::getBundle)
                    .filter(b -> b != null && b.getState() == Bundle.ACTIVE)
                    .findFirst();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
    }

    /** The id of the product behind the reference, or {@code null} once the service is gone. */
    private String productId(ServiceReference<Product> ref) {
        Product product = context.getService(ref);
        if (product == null) {
            return null;
        }
        try {
            return product.id();
        } finally {
            context.ungetService(ref);
        }
    }

    /** Whether the registry lists the product and the bundle, active, is the one that provides it. */
    private boolean deployed(String productId, Bundle bundle) {
        return registry.products().stream().anyMatch(p -> p.id().equals(productId))
                && provider(productId).filter(b -> b.getBundleId() == bundle.getBundleId()).isPresent();
    }

    /** The registry's widgets of the bundle (a symbolic name and version name one installed bundle). */
    private List<WidgetHealth> widgets(Bundle bundle) {
        String name = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        return registry.widgets().stream()
                .filter(w -> w.bundle().equals(name) && w.bundleVersion().equals(version))
                .toList();
    }

    private long[] renders(Bundle bundle) {
        long calls = 0;
        long failures = 0;
        for (WidgetHealth w : widgets(bundle)) {
            calls += w.calls();
            failures += w.failures();
        }
        return new long[] {calls, failures};
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("the update was interrupted");
        }
    }
}

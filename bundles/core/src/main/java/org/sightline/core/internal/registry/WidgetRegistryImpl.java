package org.sightline.core.internal.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.ProductInfo;
import org.sightline.core.WidgetHealth;
import org.sightline.core.WidgetRegistry;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link DashboardWidget} and {@link Product} service as it comes and goes. Widget
 * metadata is read from the {@code sightline.widget.*} service properties; a widget whose properties
 * are incomplete is logged and left out, never half-shown. The texts a module supplies here (widget titles
 * and sections, product names and families) pass the {@link PrivacyFilter} once, when they are read, so
 * every listing, dashboard and export shows them masked; an id holding personal data is refused.
 */
@Component(service = {WidgetRegistry.class, WidgetRegistryImpl.class})
public class WidgetRegistryImpl implements WidgetRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(WidgetRegistryImpl.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final Comparator<WidgetDescriptor> ORDER = Comparator
            .comparingInt((WidgetDescriptor d) -> Sections.rank(d.section()))
            .thenComparing(WidgetDescriptor::section)
            .thenComparingInt(WidgetDescriptor::order)
            .thenComparing(WidgetDescriptor::id);

    private final Map<Long, WidgetEntry> widgets = new ConcurrentHashMap<>();
    private final Map<Long, ProductInfo> products = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final List<Consumer<WidgetEntry>> removalListeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    @Reference(service = DashboardWidget.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindWidget(ServiceReference<DashboardWidget> ref, DashboardWidget widget) {
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        WidgetDescriptor d;
        try {
            d = descriptor(ref::getProperty);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring widget service {} from {}: {}", id, bundleName(ref.getBundle()), e.getMessage());
            return;
        }
        widgets.put(id, new WidgetEntry(id, d, widget, ref.getBundle(),
                inFlight.computeIfAbsent(d.id(), k -> new java.util.concurrent.atomic.AtomicInteger())));
        generation.incrementAndGet();
        LOG.info("Widget {} ({}) registered by {}", d.id(), d.productId(), bundleName(ref.getBundle()));
    }

    public void unbindWidget(ServiceReference<DashboardWidget> ref) {
        WidgetEntry e = widgets.remove((Long) ref.getProperty(Constants.SERVICE_ID));
        if (e != null) {
            generation.incrementAndGet();
            LOG.info("Widget {} unregistered", e.descriptor().id());
            removalListeners.forEach(l -> l.accept(e));
        }
    }

    /** The bundle that last registered each product id. */
    private final Map<String, Bundle> providers = new ConcurrentHashMap<>();

    @Reference(service = Product.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindProduct(ServiceReference<Product> ref, Product p) {
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        String pid = p.id();
        if (pid == null || !PRODUCT_ID.matcher(pid).matches() || !PrivacyFilter.scrub(pid).equals(pid)) {
            LOG.warn("Ignoring product service {} from {}: id '{}' is not lower case letters, digits and dashes",
                    id, bundleName(ref.getBundle()), pid);
            return;
        }
        Bundle b = ref.getBundle();
        products.put(id, new ProductInfo(pid, PrivacyFilter.scrub(p.displayName()), PrivacyFilter.scrub(p.family()), p.iconSvg(), p.order(),
                b == null ? "" : b.getSymbolicName(), b == null ? "" : b.getVersion().toString()));
        if (b != null) {
            providers.put(pid, b);
        }
        generation.incrementAndGet();
        LOG.info("Product {} registered by {}", pid, bundleName(b));
    }

    /**
     * Whether a product that is not deployed right now is expected back: the bundle that last registered it
     * is still installed (being updated, refreshed or restarted), as opposed to uninstalled.
     */
    public boolean expectedBack(String productId) {
        Bundle b = providers.get(productId);
        return b != null && b.getState() != Bundle.UNINSTALLED;
    }

    public void unbindProduct(ServiceReference<Product> ref) {
        products.remove((Long) ref.getProperty(Constants.SERVICE_ID));
        generation.incrementAndGet();
    }

    /**
     * Changes whenever a widget or product comes or goes: whatever was composed from the registry at an
     * earlier generation may be out of date.
     */
    public long generation() {
        return generation.get();
    }

    /** Calls the listener with every widget entry that is removed, so caches can drop its views. */
    public void onRemoval(Consumer<WidgetEntry> listener) {
        removalListeners.add(listener);
    }

    @Override
    public List<ProductInfo> products() {
        List<ProductInfo> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        List<ProductInfo> all = new ArrayList<>(products.values());
        all.sort(Comparator.comparingInt(ProductInfo::order).thenComparing(ProductInfo::id));
        for (ProductInfo p : all) {
            if (seen.add(p.id())) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public List<WidgetHealth> widgets() {
        return entries().stream().map(WidgetEntry::health).toList();
    }

    /** The live widget entries, ordered by section, order and id, one per widget id. */
    public List<WidgetEntry> entries() {
        List<WidgetEntry> all = new ArrayList<>(widgets.values());
        // The newest registration of an id wins (an update registers the new service before the old
        // one is gone only for a moment); order is then explicit.
        all.sort(Comparator.comparingLong(WidgetEntry::serviceId).reversed());
        Map<String, WidgetEntry> byId = new java.util.LinkedHashMap<>();
        for (WidgetEntry e : all) {
            if (e.live()) {
                byId.putIfAbsent(e.descriptor().id(), e);
            }
        }
        List<WidgetEntry> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(WidgetEntry::descriptor, ORDER));
        return out;
    }

    /** Builds a descriptor from {@code sightline.widget.*} properties. */
    static WidgetDescriptor descriptor(java.util.function.Function<String, Object> props) {
        String p = SightlineWidget.PREFIX_;
        String id = required(props, p + "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("widget id '" + id + "' must be letters, digits, dots and dashes");
        }
        String product = required(props, p + "product");
        Set<Placement> placement = EnumSet.noneOf(Placement.class);
        Object raw = props.apply(p + "placement");
        for (String s : strings(raw)) {
            try {
                placement.add(Placement.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown placement '" + s + "' on widget " + id);
            }
        }
        if (raw == null) {
            placement = EnumSet.allOf(Placement.class);
        }
        if (!PrivacyFilter.scrub(id).equals(id) || !PrivacyFilter.scrub(product).equals(product)) {
            // Ids travel in URLs and come back: they cannot be masked, so one holding personal data is refused.
            throw new IllegalArgumentException("widget id '" + id + "' or product '" + product
                    + "' holds what looks like a phone number or e-mail address");
        }
        Object perm = props.apply(p + "permission");
        // Title and section leave the core in every dashboard, widget and health listing and as export
        // sheet names: they are masked once, here, like any text of a view.
        return new WidgetDescriptor(id, PrivacyFilter.scrub(required(props, p + "title")), product,
                PrivacyFilter.scrub(required(props, p + "section")),
                placement, intProp(props.apply(p + "order"), 100),
                perm == null ? Permissions.CUSTOMER_READ : perm.toString(),
                Duration.ofSeconds(intProp(props.apply(p + "refreshSeconds"), 60)),
                !"false".equals(String.valueOf(props.apply(p + "timeRange"))));
    }

    private static String required(java.util.function.Function<String, Object> props, String key) {
        Object v = props.apply(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("service property " + key + " is missing");
        }
        return v.toString();
    }

    private static List<String> strings(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof String[] a) {
            return List.of(a);
        }
        if (raw instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(raw.toString());
    }

    private static int intProp(Object v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String bundleName(Bundle b) {
        return b == null ? "unknown bundle" : b.getSymbolicName() + " " + b.getVersion();
    }
}

package org.sightline.core.internal.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.Product;
import org.sightline.api.data.ModuleStorage;
import org.sightline.core.Changes;
import org.sightline.core.KnownProduct;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.internal.dashboard.DashboardComposer;
import org.sightline.core.internal.storage.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product catalogue: remembers every {@link Product} service that appears, in the core's
 * {@code product_catalogue} table (this package is its only reader and writer) and in memory. A product
 * whose bundle goes away stays in the catalogue, no longer deployed; when it comes back, what it says about
 * itself then replaces what was remembered. A product coming or going drops the cached widget views, since
 * views drawn from the catalogue (product names, what a deployed product offers) may have changed.
 */
@Component(service = ProductCatalogue.class)
public class ProductCatalogueImpl implements ProductCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(ProductCatalogueImpl.class);
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_NAME = 200;
    private static final int MAX_FAMILY = 40;
    private static final int MAX_ICON = 20_000;
    private static final String UPSERT = "MERGE INTO product_catalogue t USING (VALUES (CAST(? AS VARCHAR(40)), "
            + "CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(20000)), CAST(? AS TIMESTAMP WITH TIME ZONE))) "
            + "v(product_id, display_name, family, icon_svg, seen_at) ON t.product_id = v.product_id "
            + "WHEN MATCHED THEN UPDATE SET display_name = v.display_name, family = v.family, icon_svg = v.icon_svg, "
            + "seen_at = v.seen_at "
            + "WHEN NOT MATCHED THEN INSERT (product_id, display_name, family, icon_svg, seen_at) "
            + "VALUES (v.product_id, v.display_name, v.family, v.icon_svg, v.seen_at)";

    /** What a product said about itself, without whether it is deployed. */
    private record Entry(String id, String displayName, String family, String iconSvg) {
    }

    private final DataSource ds;
    private final Changes changes;
    private final Map<String, Entry> remembered = new ConcurrentHashMap<>();
    /** Product id of each deployed product service, by service id. */
    private final Map<Long, String> deployed = new ConcurrentHashMap<>();

    @Activate
    public ProductCatalogueImpl(@Reference ModuleStorage storage, @Reference Changes changes) {
        this.ds = storage.dataSource();
        this.changes = changes;
        for (Entry e : Jdbc.list(ds, "SELECT product_id, display_name, family, icon_svg FROM product_catalogue", List.of(),
                rs -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))) {
            remembered.put(e.id(), e);
        }
    }

    @Reference(service = Product.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindProduct(Product product, Map<String, Object> properties) {
        Entry e;
        try {
            e = new Entry(product.id(), product.displayName(), product.family(), product.iconSvg());
        } catch (RuntimeException ex) {
            LOG.warn("Product service {} could not describe itself; not in the catalogue", properties.get(Constants.SERVICE_ID), ex);
            return;
        }
        if (e.id() == null || !PRODUCT_ID.matcher(e.id()).matches()) {
            return; // the registry logs it
        }
        e = new Entry(e.id(), clip(e.displayName() == null || e.displayName().isBlank() ? e.id() : e.displayName(), MAX_NAME),
                clip(e.family() == null ? "" : e.family(), MAX_FAMILY),
                e.iconSvg() != null && e.iconSvg().length() <= MAX_ICON ? e.iconSvg() : null);
        deployed.put((Long) properties.get(Constants.SERVICE_ID), e.id());
        Entry before = remembered.put(e.id(), e);
        if (!e.equals(before)) {
            store(e);
        }
        productsChanged();
    }

    public void unbindProduct(Product product, Map<String, Object> properties) {
        deployed.remove((Long) properties.get(Constants.SERVICE_ID));
        productsChanged();
    }

    /**
     * The core's own widgets (the subscriptions card: names, deployed or not) show the catalogue; a product's
     * own widgets' views stay, so a hot swap of one product costs no other product's renders.
     */
    private void productsChanged() {
        changes.announce(new Changes.Product(DashboardComposer.CORE_PRODUCT));
    }

    @Override
    public List<KnownProduct> products() {
        List<KnownProduct> out = new ArrayList<>();
        for (Entry e : remembered.values()) {
            out.add(known(e));
        }
        out.sort(Comparator.comparing(KnownProduct::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(KnownProduct::id));
        return out;
    }

    @Override
    public Optional<KnownProduct> find(String productId) {
        Entry e = productId == null ? null : remembered.get(productId);
        return e == null ? Optional.empty() : Optional.of(known(e));
    }

    private KnownProduct known(Entry e) {
        return new KnownProduct(e.id(), e.displayName(), e.family(), e.iconSvg(), deployed.containsValue(e.id()));
    }

    private void store(Entry e) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            Jdbc.bind(ps, java.util.Arrays.asList(e.id(), e.displayName(), e.family(), e.iconSvg(), Instant.now()));
            ps.executeUpdate();
        } catch (SQLException | RuntimeException ex) {
            // Known for as long as the server runs; remembered across restarts once the database takes it.
            LOG.warn("Could not remember product {} in the catalogue", e.id(), ex);
        }
    }

    private static String clip(String s, int max) {
        Objects.requireNonNull(s);
        return s.length() <= max ? s : s.substring(0, max);
    }
}

package org.sightline.core.internal.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.sightline.api.Product;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.view.StatusListView;
import org.sightline.core.KnownProduct;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.dashboard.ViewCache;
import org.sightline.core.internal.tenancy.PortalDb;

@RunWith(Parameterized.class)
public class ProductCatalogueImplTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return PortalDb.kinds();
    }

    private final String kind;
    private PortalDb db;

    public ProductCatalogueImplTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new PortalDb(kind);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    /** The core's storage as the catalogue sees it: the test database, already migrated. */
    public static ModuleStorage storage(DataSource ds) {
        return new ModuleStorage() {
            @Override
            public DataSource dataSource() {
                return ds;
            }

            @Override
            public void migrate(String module, Class<?> anchor) {
                // PortalDb migrated the core
            }
        };
    }

    /** A product service as a product bundle registers it. */
    public static Product product(String id, String name, String family, String icon) {
        return new Product() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String displayName() {
                return name;
            }

            @Override
            public String family() {
                return family;
            }

            @Override
            public String iconSvg() {
                return icon;
            }
        };
    }

    public static Map<String, Object> service(long id) {
        return Map.of("service.id", id);
    }

    @Test
    public void aRemovedProductKeepsItsNameFamilyAndIconAcrossARestart() {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        Product backup = product("google-workspace-backup", "Cloud Backup for Google Workspace", Product.FAMILY_BACKUP, "<svg/>");
        catalogue.bindProduct(backup, service(7));
        assertTrue(catalogue.find("google-workspace-backup").orElseThrow().deployed());
        catalogue.unbindProduct(backup, service(7));

        KnownProduct gone = catalogue.find("google-workspace-backup").orElseThrow();
        assertFalse(gone.deployed());
        assertEquals("Cloud Backup for Google Workspace", gone.displayName());

        ProductCatalogueImpl restarted = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        assertEquals(new KnownProduct("google-workspace-backup", "Cloud Backup for Google Workspace", Product.FAMILY_BACKUP,
                "<svg/>", false), restarted.find("google-workspace-backup").orElseThrow());
        assertEquals("Cloud Backup for Google Workspace", restarted.displayName("google-workspace-backup"));
        assertEquals(List.of("google-workspace-backup"), restarted.products().stream().map(KnownProduct::id).toList());
    }

    @Test
    public void aProductComingOrGoingDropsCachedViewsThatNamedIt() {
        ChangeNotes changes = new ChangeNotes();
        ViewCache views = new ViewCache(changes, new CacheDirectory());
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), changes);
        ViewCache.Key key = new ViewCache.Key(1, "core", 5, "all", java.util.Set.of());
        ViewCache.Key otherProducts = new ViewCache.Key(2, "voice", 5, "all", java.util.Set.of());
        views.put(key, new StatusListView(List.of()), java.time.Duration.ofMinutes(5));
        views.put(otherProducts, new StatusListView(List.of()), java.time.Duration.ofMinutes(5));
        Product sms = product("sms", "SMS", Product.FAMILY_COMMUNICATIONS, null);
        catalogue.bindProduct(sms, service(3));
        assertNull("a view showing the product's id is gone once its name is known", views.entry(key));
        assertNotNull("another product's views stay through a swap", views.entry(otherProducts));
        views.put(key, new StatusListView(List.of()), java.time.Duration.ofMinutes(5));
        catalogue.unbindProduct(sms, service(3));
        assertNull(views.entry(key));
    }

    @Test
    public void aProductNeverDeployedIsShownByItsId() {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        assertTrue(catalogue.find("salesforce-backup").isEmpty());
        assertEquals("salesforce-backup", catalogue.displayName("salesforce-backup"));
        assertEquals(List.of(), catalogue.products());
    }

    @Test
    public void aProductDeployedAgainIsRememberedAsItNowDescribesItself() {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        catalogue.bindProduct(product("voice", "Voice", Product.FAMILY_COMMUNICATIONS, null), service(1));
        catalogue.unbindProduct(product("voice", "Voice", Product.FAMILY_COMMUNICATIONS, null), service(1));
        catalogue.bindProduct(product("voice", "Voice & Calls", Product.FAMILY_COMMUNICATIONS, "<svg/>"), service(2));
        catalogue.bindProduct(product("sms", "SMS", Product.FAMILY_COMMUNICATIONS, null), service(3));

        ProductCatalogueImpl restarted = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        KnownProduct voice = restarted.find("voice").orElseThrow();
        assertEquals("Voice & Calls", voice.displayName());
        assertEquals("<svg/>", voice.iconSvg());
        assertEquals(List.of("SMS", "Voice & Calls"), restarted.products().stream().map(KnownProduct::displayName).toList());
        assertTrue(catalogue.find("voice").orElseThrow().deployed());
    }

    @Test
    public void aProductWithABadIdOrAnOversizedIconIsNotTrustedWithIt() {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        catalogue.bindProduct(product("Not An Id", "Bad", "x", null), service(1));
        catalogue.bindProduct(product("risk", "Risk Insights", Product.FAMILY_GOVERNANCE, "<svg>" + "x".repeat(30_000) + "</svg>"),
                service(2));
        assertTrue(catalogue.find("Not An Id").isEmpty());
        assertNull(new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes()).find("risk").orElseThrow().iconSvg());
    }
}

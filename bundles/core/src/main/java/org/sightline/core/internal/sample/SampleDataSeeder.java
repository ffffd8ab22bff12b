package org.sightline.core.internal.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.core.Changes;
import org.sightline.core.internal.tenancy.Tenancy;
import org.sightline.core.SampleDataLoader;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.SampleTenancyWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample partner and "Sample Customer", created on a fresh database when
 * {@code etc/org.sightline.sample.cfg} says {@code enabled = true}. Every deployed
 * {@link SampleDataProvider} writes its sample data for the Sample Customer once, and the customer is
 * subscribed to its product, so the sample dashboard shows every deployed widget; the sample partner's other
 * customers get the product's sample subscriptions at the same time, also once.
 */
@Component(configurationPid = "org.sightline.sample", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SampleDataSeeder.Config.class)
public class SampleDataSeeder {

    @ObjectClassDefinition(name = "Sightline sample data")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Create the sample partner and customer on a fresh database")
        boolean enabled() default false;

        @AttributeDefinition(name = "Seed", description = "Random seed of the sample data")
        long seed() default 42;

        @AttributeDefinition(name = "Customers", description = "Sample customers of the sample partner (0 to 100000), "
                + "with staff in each role, groups, subscriptions, assignments and pins")
        int customers() default 200;

        @AttributeDefinition(name = "Admin password file", description = "A file holding the password of the sample "
                + "partner's portal user 'admin'; read once on start, then deleted (the run script writes it)")
        String admin_password_file() default "";
    }

    /** The account id of the sample customer. */
    public static final String SAMPLE_ACCOUNT = "SAMPLE-0001";
    private static final Logger LOG = LoggerFactory.getLogger(SampleDataSeeder.class);
    private final Map<Long, SampleDataProvider> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sightline-sample-data");
        t.setDaemon(true);
        return t;
    });
    private final Tenancy customers;
    private final Changes changes;
    private final CoreStorage storage;
    private final SamplePartnerLoader loader;
    private final Config config;
    private volatile CustomerRef sample;

    @Activate
    public SampleDataSeeder(@Reference Tenancy customers, @Reference CoreStorage storage,
                      @Reference SamplePartnerLoader loader, @Reference Changes changes,
                      Config config) {
        this.customers = customers;
        this.changes = changes;
        this.storage = storage;
        this.loader = loader;
        this.config = config;
        if (config.enabled()) {
            writer.execute(this::createSampleCustomer);
            pending.values().forEach(this::schedule);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Reference(service = SampleDataProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(ServiceReference<SampleDataProvider> ref, SampleDataProvider provider) {
        pending.put((Long) ref.getProperty(Constants.SERVICE_ID), provider);
        if (config != null && config.enabled()) {
            schedule(provider);
        }
    }

    void unbindProvider(ServiceReference<SampleDataProvider> ref) {
        pending.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    private void schedule(SampleDataProvider provider) {
        try {
            writer.execute(() -> write(provider));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // deactivated meanwhile
        }
    }

    private static final java.math.BigDecimal SAMPLE_CREDITS = new java.math.BigDecimal("25000.00");

    private void createSampleCustomer() {
        long partner = customers.defaultPartner().orElseGet(() -> {
            long id = customers.createPartner("Sample Partner");
            LOG.info("Created the sample partner");
            return id;
        });
        sample = customers.findByAccount(partner, SAMPLE_ACCOUNT).orElseGet(() -> {
            CustomerRef c = customers.createCustomer(partner, SAMPLE_ACCOUNT, "Sample Customer", "EUR", true);
            // A prepaid balance that the sample usage of every product draws down, but not below zero.
            SampleTenancyWriter.on(storage.dataSource()).setCredits(c.id(), SAMPLE_CREDITS);
            return c;
        });
        try {
            SampleDataLoader.Result r = loader.load(Math.max(0, Math.min(SamplePartnerLoader.MAX_CUSTOMERS, config.customers())),
                    config.seed(), null, false); // the passwords would be shown to no one: the operator sets them
            if (r.created() > 0) {
                LOG.info("Created {} sample customers and the sample staff (alice.admin, eddie.engineer, erin.engineer, "
                        + "vera.viewer; set their passwords with sightline:user-password)", r.created());
            }
        } catch (RuntimeException e) {
            LOG.warn("The sample customers could not be created", e);
        }
        adminFromFile();
    }

    /** Creates the sample partner's portal user {@code admin} from the run script's one-time password file. */
    private void adminFromFile() {
        String file = config.admin_password_file();
        if (file == null || file.isBlank()) {
            return;
        }
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.isRegularFile(path)) {
            return;
        }
        try {
            char[] password = java.nio.file.Files.readString(path).strip().toCharArray();
            loader.ensureAdmin("admin", password);
            java.util.Arrays.fill(password, '\0');
            LOG.info("The sample partner's portal user 'admin' was given the password from {}", path);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Could not set the admin password from {}", path, e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(path);
            } catch (java.io.IOException e) {
                LOG.warn("Could not delete {}", path, e);
            }
        }
    }

    private void write(SampleDataProvider provider) {
        CustomerRef customer = sample;
        if (customer == null) {
            return;
        }
        String product = provider.productId();
        try {
            if (!alreadyWritten(customer.id(), product)) {
                int added = loader.subscribe(provider, config.seed());
                if (added > 0) {
                    LOG.info("Subscribed {} sample customers to product {}", added, product);
                }
            }
            boolean written = storage.transactions().inTransaction((c, tx) -> {
                if (alreadyWritten(c, customer.id(), product)) {
                    return false;
                }
                provider.writeSample(new SampleDataProvider.Request(customer, config.seed(), 1,
                        Instant.now().truncatedTo(ChronoUnit.HOURS), ZoneId.of("UTC")), tx);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sample_data (customer_id, product_id) VALUES (?, ?)")) {
                    ps.setLong(1, customer.id());
                    ps.setString(2, product);
                    ps.executeUpdate();
                }
                return true;
            });
            SampleTenancyWriter.on(storage.dataSource()).upsertSubscription(customer.id(), product, "active");
            changes.announce(new Changes.Partner(customer.partnerId()));
            changes.announce(new Changes.Customer(customer.id()));
            if (written) {
                LOG.info("Wrote sample data of product {} for {}", product, customer.name());
            }
        } catch (Exception e) {
            LOG.warn("Sample data of product {} could not be written", product, e);
        }
    }

    private boolean alreadyWritten(long customerId, String product) {
        return Jdbc.one(storage.dataSource(), "SELECT 1 FROM sample_data WHERE customer_id = ? AND product_id = ?",
                List.of(customerId, product), rs -> true).isPresent();
    }

    private static boolean alreadyWritten(Connection c, long customerId, String product) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sample_data WHERE customer_id = ? AND product_id = ?")) {
            ps.setLong(1, customerId);
            ps.setString(2, product);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}

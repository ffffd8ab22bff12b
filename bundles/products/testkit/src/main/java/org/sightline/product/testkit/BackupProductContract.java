package org.sightline.product.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.backup.OtherKinds;
import org.sightline.api.backup.Workload;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/**
 * What every backup product must do, for a product test to extend: it is a backup product naming its workloads,
 * ingests through the family's store (rejecting kinds nobody knows), draws its widgets with the family's views for
 * its own spec, writes the family's sample backups, and subscribes some but not all sample customers.
 */
public abstract class BackupProductContract {
    /** The customer every line belongs to. */
    protected static final CustomerRef ACME = new CustomerRef(7, 1, "ACC-7", "Acme", "EUR", true);
    /** The family's store the product's components are built on. */
    protected final BackupStore store = mock(BackupStore.class);

    /** The product service. */
    protected abstract Product product();

    /** The product's spec. */
    protected abstract BackupSpec spec();

    /** The product's ingest handler, built on {@link #store}. */
    protected abstract BackupIngestHandler ingestHandler();

    /** The product's widgets, built on {@code views}. */
    protected abstract List<DashboardWidget> widgets(BackupViews views);

    /** The product's sample data, built on {@link #store}. */
    protected abstract BackupSampleData sampleData();

    /** The workload ids the product must name, in order. */
    protected abstract List<String> workloadIds();

    @Test
    public void productIsABackupProductNamingItsWorkloads() {
        Product p = product();
        assertEquals(Product.FAMILY_BACKUP, p.family());
        assertEquals(spec().productId(), p.id());
        assertTrue(p.id().matches("[a-z0-9-]{1,40}"));
        String svg = p.iconSvg();
        assertTrue(svg, svg.startsWith("<svg") && svg.endsWith("</svg>"));
        assertFalse(svg.contains("script") || svg.contains("href"));
        assertEquals(workloadIds(), spec().workloads().stream().map(Workload::id).toList());
        spec().workloads().forEach(w -> assertFalse(w.label().isBlank() || w.objectNoun().isBlank()));
    }

    @Test
    public void ingestsThroughTheFamilyStoreAndRejectsKindsNobodyKnows() throws Exception {
        BackupIngestHandler h = ingestHandler();
        assertEquals(spec().productId(), h.productId());
        IngestBatch batch = new IngestBatch(1, List.of(new IngestRecord(1, ACME, "r1", Map.of("kind", "job"))));
        DataSource tx = mock(DataSource.class);
        IngestResult result = new IngestResult(1, 0, List.of());
        when(store.ingest(eq(spec()), eq(batch), any(), eq(tx))).thenReturn(result);
        assertSame(result, h.ingest(batch, tx));
        ArgumentCaptor<OtherKinds> others = ArgumentCaptor.forClass(OtherKinds.class);
        verify(store).ingest(eq(spec()), eq(batch), others.capture(), eq(tx));
        assertEquals("kind", assertThrows(InvalidRecordException.class, () -> others.getValue().store("no-such-kind",
                new IngestRecord(2, ACME, "x", Map.of("kind", "no-such-kind")), tx)).field());
    }

    @Test
    public void widgetsDrawTheFamilyViewsOfTheProductsSpec() throws Exception {
        BackupViews views = mock(BackupViews.class);
        WidgetView status = new TableView(List.of(), List.of(), null, 0L);
        TimeSeriesView jobs = new TimeSeriesView("runs", List.of());
        WidgetView storage = new TimeSeriesView("GB", List.of());
        when(views.status(eq(spec()), any())).thenReturn(status);
        when(views.jobs(eq(spec()), any())).thenReturn(jobs);
        when(views.storage(eq(spec()), any())).thenReturn(storage);
        WidgetRequest request = new WidgetRequest(ACME, new Viewer("vera", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ)),
                TimeRange.ending(Instant.parse("2026-12-01T00:00:00Z"), java.time.Duration.ofDays(30)), ZoneId.of("UTC"),
                PageRequest.first(), Map.of(), null);
        List<WidgetView> drawn = new ArrayList<>();
        for (DashboardWidget w : widgets(views)) {
            drawn.add(w.render(request));
        }
        assertTrue("a status widget", drawn.contains(status));
        assertTrue("a runs-per-day widget", drawn.contains(jobs));
        assertEquals(spec().storageReport(), drawn.contains(storage));
    }

    @Test
    public void sampleDataIsTheFamilysSampleBackupsOfTheProduct() throws Exception {
        BackupSampleData sample = sampleData();
        assertEquals(spec().productId(), sample.productId());
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 1, 1, Instant.parse("2026-11-30T12:00:00Z"),
                ZoneId.of("UTC"));
        DataSource tx = mock(DataSource.class);
        sample.writeSample(req, tx);
        verify(store).writeSample(req, spec(), tx);
    }

    @Test
    public void someButNotAllSampleCustomersSubscribeAndAlwaysTheSameWay() {
        BackupSampleData sample = sampleData();
        int subscribed = 0;
        Set<String> statuses = new HashSet<>();
        for (int n = 1; n <= 300; n++) {
            Optional<SampleDataProvider.SampleSubscription> a = sample.sampleSubscription(
                    new SampleDataProvider.SampleCustomer(n, LocalDate.of(2026, 11, 30), new SplittableRandom(n)));
            Optional<SampleDataProvider.SampleSubscription> b = sample.sampleSubscription(
                    new SampleDataProvider.SampleCustomer(n, LocalDate.of(2026, 11, 30), new SplittableRandom(n)));
            assertEquals(a, b);
            if (a.isPresent()) {
                subscribed++;
                statuses.add(a.get().status());
            }
        }
        assertTrue("subscribed: " + subscribed, subscribed > 15 && subscribed < 285);
        assertTrue("some are not started: " + statuses, statuses.contains("not-started") || statuses.contains("partially-started"));
    }
}

package org.sightline.web.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.DashboardQuery;
import org.sightline.core.NotFoundException;
import org.sightline.core.NotInstalledException;
import org.sightline.core.PdfReports;

/** The PDF routes translate only: query to the core's query, the core's file to an attachment, failures to problems. */
public class ReportResourceTest {
    private static final Viewer VIEWER = new Viewer("vic", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ));
    private static final byte[] PDF = "%PDF-1.7 fake".getBytes(StandardCharsets.ISO_8859_1);
    private final PdfReports reports = mock(PdfReports.class);
    private final ResourceConfig config = new ResourceConfig()
            .register(new ReportResource.Dashboard(reports))
            .register(new ReportResource.Widget(reports))
            .register(ProblemMapper.class);

    private record Answer(int status, String type, String disposition, byte[] body) {
    }

    private Answer get(String path) throws Exception {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        properties.setProperty(Gate.VIEWER, VIEWER);
        ContainerRequest req = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                "GET", null, properties, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse r = new ApplicationHandler(config).apply(req, out).get();
        return new Answer(r.getStatus(), r.getMediaType() == null ? null : r.getMediaType().toString(),
                r.getHeaderString("Content-Disposition"), out.toByteArray());
    }

    @Test
    public void theDashboardPdfIsAnAttachmentForTheDashboardsQuery() throws Exception {
        when(reports.dashboard(eq(VIEWER), eq(7L), any())).thenReturn(new PdfReports.PdfFile("ACME-1-dashboard-2026-12-02.pdf", PDF));
        Answer a = get("/v1/customers/7/dashboard.pdf?product=sms&from=2026-11-01&to=2026-12-01&tz=Europe/Paris");
        assertEquals(200, a.status);
        assertEquals("application/pdf", a.type);
        assertEquals("attachment; filename=\"ACME-1-dashboard-2026-12-02.pdf\"", a.disposition);
        assertArrayEquals(PDF, a.body);
        ArgumentCaptor<DashboardQuery> q = ArgumentCaptor.forClass(DashboardQuery.class);
        verify(reports).dashboard(eq(VIEWER), eq(7L), q.capture());
        assertEquals("sms", q.getValue().product());
        assertEquals(ZoneId.of("Europe/Paris"), q.getValue().zone());
        assertEquals(java.time.Instant.parse("2026-10-31T23:00:00Z"), q.getValue().range().from());
    }

    @Test
    public void aWidgetReportGetsItsOptionsFromTheOtherParameters() throws Exception {
        when(reports.widgetReport(eq(VIEWER), eq(7L), eq("risk.insights"), eq("detailed"), any()))
                .thenReturn(new PdfReports.PdfFile("ACME-1-detailed-2026-12-02.pdf", PDF));
        Answer a = get("/v1/customers/7/widgets/risk.insights/reports/detailed.pdf?tz=UTC&exchange=skip");
        assertEquals(200, a.status);
        assertEquals("application/pdf", a.type);
        ArgumentCaptor<DashboardQuery> q = ArgumentCaptor.forClass(DashboardQuery.class);
        verify(reports).widgetReport(eq(VIEWER), eq(7L), eq("risk.insights"), eq("detailed"), q.capture());
        assertEquals(Map.of("exchange", "skip"), q.getValue().filters());
    }

    @Test
    public void theCoresRefusalsAreProblems() throws Exception {
        when(reports.dashboard(eq(VIEWER), eq(7L), any())).thenThrow(new NotInstalledException(NotInstalledException.PDF_RENDERER));
        when(reports.dashboard(eq(VIEWER), eq(8L), any())).thenThrow(new NotFoundException("no customer with id 8"));
        Answer missing = get("/v1/customers/7/dashboard.pdf");
        assertEquals(503, missing.status);
        assertEquals("application/problem+json", missing.type);
        assertTrue(new String(missing.body, StandardCharsets.UTF_8).contains("The PDF renderer is not installed."));
        assertEquals(404, get("/v1/customers/8/dashboard.pdf").status);
        Answer bad = get("/v1/customers/abc/dashboard.pdf");
        assertEquals(400, bad.status);
        assertTrue(new String(bad.body, StandardCharsets.UTF_8).contains("\"parameter\":\"id\""));
    }
}

package org.sightline.web.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;
import org.mockito.Mockito;
import org.sightline.core.ForbiddenException;
import org.sightline.core.LinkExpiredException;
import org.sightline.core.NotFoundException;
import org.sightline.core.PdfReports;
import org.sightline.core.ReportDeliveries;

/**
 * The pages report e-mails link to: a verification shows the report links (escaped), a report link serves its PDF
 * inline, and a used, expired, tampered or unknown token is a short page with 410, 403 or 404; nothing is cached
 * and no referrer leaves with the token.
 */
public class ReportLinksTest {
    private final ReportDeliveries deliveries = mock(ReportDeliveries.class);
    private final ReportLinks servlet = new ReportLinks(deliveries);

    @Test
    public void aVerificationShowsTheReportLinksAndAUsedOneIs410() throws Exception {
        when(deliveries.verify("good")).thenReturn(new ReportDeliveries.Verified(List.of("https://portal.example/r/1.2.x\"<b>")));
        Answer ok = get("/verify", "/good");
        assertEquals(200, ok.status);
        assertTrue(ok.body, ok.body.contains("your address is confirmed"));
        assertTrue(ok.body, ok.body.contains("href=\"https://portal.example/r/1.2.x&quot;&lt;b&gt;\""));
        assertEquals("no-store", ok.headers.get("Cache-Control"));
        assertEquals("no-referrer", ok.headers.get("Referrer-Policy"));

        when(deliveries.verify("used")).thenThrow(new LinkExpiredException("this verification link was used already"));
        Answer used = get("/verify", "/used");
        assertEquals(410, used.status);
        assertTrue(used.body, used.body.contains("This link has expired") && used.body.contains("used already"));
        when(deliveries.verify("forged")).thenThrow(new NotFoundException("this verification link is not valid"));
        assertEquals(404, get("/verify", "/forged").status);
    }

    @Test
    public void aReportLinkServesItsPdfInlineAndATamperedOneNothing() throws Exception {
        byte[] pdf = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);
        when(deliveries.open("1.2.sig")).thenReturn(new PdfReports.PdfFile("ACME-1-usage.pdf", pdf));
        Answer ok = get("/r", "/1.2.sig");
        assertEquals(200, ok.status);
        assertEquals("application/pdf", ok.type);
        assertEquals("inline; filename=\"ACME-1-usage.pdf\"", ok.headers.get("Content-Disposition"));
        assertArrayEquals(pdf, ok.bytes);

        when(deliveries.open("1.2.bad")).thenThrow(new ForbiddenException("this report link is not valid"));
        Answer bad = get("/r", "/1.2.bad");
        assertEquals(403, bad.status);
        assertFalse(bad.body, bad.body.contains("%PDF"));
        when(deliveries.open("1.1.old")).thenThrow(new LinkExpiredException("this report link has expired"));
        assertEquals(410, get("/r", "/1.1.old").status);
    }

    private record Answer(int status, String type, Map<String, String> headers, byte[] bytes, String body) {
    }

    private Answer get(String servletPath, String pathInfo) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getServletPath()).thenReturn(servletPath);
        when(req.getPathInfo()).thenReturn(pathInfo);
        when(req.getMethod()).thenReturn("GET");
        HttpServletResponse res = mock(HttpServletResponse.class);
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        String[] type = {null};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Mockito.doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(res).setHeader(Mockito.anyString(), Mockito.anyString());
        Mockito.doAnswer(i -> status[0] = i.getArgument(0)).when(res).setStatus(Mockito.anyInt());
        Mockito.doAnswer(i -> type[0] = i.getArgument(0)).when(res).setContentType(Mockito.anyString());
        when(res.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener l) { }
            @Override public void write(int b) { out.write(b); }
        });
        servlet.doGet(req, res);
        return new Answer(status[0], type[0], headers, out.toByteArray(), out.toString(StandardCharsets.UTF_8));
    }
}

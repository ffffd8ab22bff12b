package org.sightline.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.PdfReports;
import org.sightline.core.ReportDeliveries;
import org.sightline.core.SightlineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two pages a report e-mail links to, open without a session (the token is the credential) and serving
 * nothing else: {@code GET /verify/<token>} verifies a customer recipient's address (single use, expiring) and
 * shows the links of the reports that were waiting for it; {@code GET /r/<token>} is the one PDF a signed,
 * expiring report link names. A bad token is a short page with its status: 404 for a token the server never
 * issued, 403 for a tampered report link, 410 for one used or expired. Responses are never cached, send no
 * referrer (the token is in the URL) and allow no script.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/verify/*",
        "osgi.http.whiteboard.servlet.pattern=/r/*",
        "osgi.http.whiteboard.servlet.name=sightline-report-links"})
public class ReportLinks extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReportLinks.class);
    private final transient ReportDeliveries deliveries;

    @Activate
    public ReportLinks(@Reference ReportDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        String servletPath = req.getServletPath() == null ? "" : req.getServletPath();
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String token = info.startsWith("/") ? info.substring(1) : info;
        try {
            if (servletPath.equals("/verify")) {
                ReportDeliveries.Verified v = deliveries.verify(token);
                StringBuilder b = new StringBuilder("<p>Thank you: your address is confirmed.</p>");
                if (v.reportLinks().isEmpty()) {
                    b.append("<p>No report is waiting for it now; the next one will be e-mailed to you directly.</p>");
                } else {
                    b.append("<p>Your reports (the links were e-mailed to you as well):</p><ul>");
                    int n = 1;
                    for (String link : v.reportLinks()) {
                        b.append("<li><a href=\"").append(escape(link)).append("\">Report ").append(n++).append("</a></li>");
                    }
                    b.append("</ul>");
                }
                page(res, 200, "Address confirmed", b.toString());
            } else if (servletPath.equals("/r")) {
                PdfReports.PdfFile pdf = deliveries.open(token);
                res.setStatus(200);
                res.setContentType(PdfReports.PdfFile.CONTENT_TYPE);
                res.setHeader("Content-Disposition", "inline; filename=\"" + pdf.fileName() + "\"");
                res.setContentLength(pdf.content().length);
                res.getOutputStream().write(pdf.content());
            } else {
                page(res, 404, "Not found", "<p>There is nothing here.</p>");
            }
        } catch (SightlineException e) {
            int status = e.status();
            page(res, status, status == 410 ? "This link has expired" : status == 403 ? "This link is not valid"
                    : status == 404 ? "This link is not valid" : e.title(), "<p>" + escape(e.getMessage()) + ".</p>");
        } catch (RuntimeException e) {
            LOG.warn("A report link failed", e);
            page(res, 500, "Something went wrong", "<p>The report could not be shown. Please try again later.</p>");
        }
    }

    private static void page(HttpServletResponse res, int status, String title, String body) throws IOException {
        res.setStatus(status);
        res.setContentType("text/html; charset=utf-8");
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + " \u2013 Sightline</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}"
                + "h1{font-size:1.4rem}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

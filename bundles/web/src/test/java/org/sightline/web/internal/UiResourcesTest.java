package org.sightline.web.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UiResourcesTest {
    private static final String IMPORT_MAP = "{\"imports\":{\"lit\":\"/assets/{{v}}/vendor/lit/index.js\"}}";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private UiResources ui;

    /** What the servlet answered. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        String type;

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    @Before
    public void files() throws IOException {
        Path root = folder.getRoot().toPath();
        write(root.resolve("ui/index.html"), "<html><head><script type=\"importmap\">" + IMPORT_MAP + "</script>"
                + "<script type=\"module\" src=\"/assets/{{v}}/js/app.js\"></script></head></html>");
        write(root.resolve("ui/js/app.js"), "import 'lit';\n" + "console.log('x');\n".repeat(200));
        write(root.resolve("ui/favicon.svg"), "<svg/>");
        write(root.resolve("META-INF/resources/webjars/lit/3.3.1/index.js"), "export {};");
        ui = new UiResources(path -> {
            Path p = root.resolve(path);
            try {
                return Files.isRegularFile(p) ? p.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }, Map.of("lit", "3.3.1"), "abc123");
    }

    private static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    private Answer get(String path, String... headers) throws Exception {
        return request("GET", path, headers);
    }

    private Answer request(String method, String path, String... headers) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getRequestURI()).thenReturn(path);
        when(req.getContextPath()).thenReturn("");
        when(req.getMethod()).thenReturn(method);
        when(req.getProtocol()).thenReturn("HTTP/1.1");
        for (int i = 0; i < headers.length; i += 2) {
            when(req.getHeader(headers[i])).thenReturn(headers[i + 1]);
        }
        Answer a = new Answer();
        HttpServletResponse resp = mock(HttpServletResponse.class);
        org.mockito.Mockito.doAnswer(inv -> {
            a.headers.put(inv.getArgument(0), inv.getArgument(1));
            return null;
        }).when(resp).setHeader(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString());
        org.mockito.Mockito.doAnswer(inv -> {
            a.status = inv.getArgument(0);
            return null;
        }).when(resp).setStatus(org.mockito.ArgumentMatchers.anyInt());
        org.mockito.Mockito.doAnswer(inv -> {
            a.type = inv.getArgument(0);
            return null;
        }).when(resp).setContentType(org.mockito.ArgumentMatchers.anyString());
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                a.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        });
        ui.service(req, resp);
        return a;
    }

    @Test
    public void whileTheApiIsNotRegisteredItsPathsAre503ProblemsForEveryMethodNotThePage() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            for (String path : new String[] {"/api/v1/health", "/api/v1/ingest/sms", "/api"}) {
                Answer a = request(method, path);
                assertEquals(method + " " + path, 503, a.status);
                assertEquals("application/problem+json", a.type);
                assertEquals("5", a.headers.get("Retry-After"));
                assertTrue(a.text(), a.text().contains("starting or stopping"));
            }
        }
        assertEquals("a path that merely starts like the API is a page", 200, get("/apiary").status);
    }

    @Test
    public void pageRoutesServeTheIndexWithTheStampAndAStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/customers/42", "/admin"}) {
            Answer a = get(path);
            assertEquals(path, 200, a.status);
            assertTrue(a.type, a.type.startsWith("text/html"));
            assertTrue(a.text(), a.text().contains("/assets/abc123/js/app.js"));
            assertFalse(a.text().contains("{{v}}"));
            assertEquals("no-cache", a.headers.get("Cache-Control"));
            String csp = a.headers.get("Content-Security-Policy");
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(IMPORT_MAP.replace("{{v}}", "abc123").getBytes(StandardCharsets.UTF_8)));
            assertTrue(csp, csp.contains("script-src 'self' 'sha256-" + hash + "';"));
            assertTrue(csp, csp.contains("style-src 'self';") && csp.contains("frame-ancestors 'none'"));
            assertFalse(csp, csp.contains("unsafe"));
            assertEquals("nosniff", a.headers.get("X-Content-Type-Options"));
        }
    }

    @Test
    public void assetsUnderTheCurrentStampAreImmutableAndTyped() throws Exception {
        Answer a = get("/assets/abc123/favicon.svg");
        assertEquals(200, a.status);
        assertEquals("image/svg+xml", a.type);
        assertTrue(a.headers.get("Cache-Control").contains("immutable"));
        assertEquals("<svg/>", a.text());
        Answer old = get("/assets/older/favicon.svg");
        assertEquals(200, old.status);
        assertEquals("an asset of another build is revalidated", "no-cache", old.headers.get("Cache-Control"));
    }

    @Test
    public void webJarFilesAreServedFromTheirVersionFolder() throws Exception {
        Answer a = get("/assets/abc123/vendor/lit/index.js");
        assertEquals(200, a.status);
        assertTrue(a.type.startsWith("text/javascript"));
        assertEquals("export {};", a.text());
        assertEquals(404, get("/assets/abc123/vendor/unknown/index.js").status);
    }

    @Test
    public void largeTextIsGzippedWhenTheBrowserAsks() throws Exception {
        Answer plain = get("/assets/abc123/js/app.js");
        Answer gz = get("/assets/abc123/js/app.js", "Accept-Encoding", "gzip, deflate, br");
        assertEquals("gzip", gz.headers.get("Content-Encoding"));
        assertNull(plain.headers.get("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body.toByteArray()))) {
            assertArrayEquals(plain.body.toByteArray(), in.readAllBytes());
        }
    }

    @Test
    public void aMatchingETagIsNotModified() throws Exception {
        String etag = get("/assets/abc123/favicon.svg").headers.get("ETag");
        Answer a = get("/assets/abc123/favicon.svg", "If-None-Match", etag);
        assertEquals(304, a.status);
        assertEquals(0, a.body.size());
    }

    @Test
    public void unknownFilesAndTraversalAreNotFound() throws Exception {
        assertEquals(404, get("/favicon.ico").status);
        assertEquals(404, get("/assets/abc123/nothing.js").status);
        assertEquals(404, get("/assets/abc123/../META-INF/MANIFEST.MF").status);
        assertEquals(404, get("/assets/abc123/%2e%2e/x.js").status);
        assertEquals("the raw template is never served", 404, get("/assets/abc123/index.html").status);
    }

    @Test
    public void anAssetIsReadOnce() throws Exception {
        URL[] seen = new URL[1];
        int[] reads = new int[1];
        Path root = folder.getRoot().toPath();
        ui = new UiResources(p -> {
            reads[0]++;
            try {
                seen[0] = root.resolve(p).toUri().toURL();
                return Files.exists(root.resolve(p)) ? seen[0] : null;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }, Map.of(), "s1");
        get("/assets/s1/favicon.svg");
        get("/assets/s1/favicon.svg");
        assertEquals(1, reads[0]);
    }
}

package org.sightline.web.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.api.Product;

public class ComponentScriptsTest {
    private static final String SCRIPT = "customElements.define('acme-card', class extends HTMLElement {});\n";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ComponentScripts scripts = new ComponentScripts();
    private final Bundle bundle = mock(Bundle.class);
    @SuppressWarnings("unchecked")
    private final ServiceReference<Product> ref = mock(ServiceReference.class);

    @Before
    public void aProductWithOneScript() throws Exception {
        Path root = folder.getRoot().toPath();
        Files.createDirectories(root.resolve("web-components"));
        Files.writeString(root.resolve("web-components/acme-card.js"), SCRIPT);
        Files.writeString(root.resolve("secret.properties"), "password=x");
        when(bundle.getState()).thenReturn(Bundle.ACTIVE);
        when(bundle.getEntry(anyString())).thenAnswer(inv -> {
            Path p = root.resolve(inv.<String>getArgument(0)).normalize();
            return p.startsWith(root) && Files.isRegularFile(p) ? p.toUri().toURL() : null;
        });
        when(ref.getBundle()).thenReturn(bundle);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(17L);
        Product acme = mock(Product.class);
        when(acme.id()).thenReturn("acme");
        scripts.bindProduct(ref, acme);
    }

    @Test
    public void theProductsScriptIsServedFromItsWebComponentsFolder() throws Exception {
        assertArrayEquals(SCRIPT.getBytes(StandardCharsets.UTF_8), scripts.script("/acme/acme-card.js"));
    }

    @Test
    public void nothingOutsideTheFolderNorOfAnotherProductIsServed() throws Exception {
        for (String path : new String[] {"/acme/../secret.properties", "/acme/..%2Fsecret.properties", "/acme/secret.properties",
                "/acme/sub/acme-card.js", "/acme/acme-card.mjs", "/other/acme-card.js", "/acme/", "/acme", "/ACME/acme-card.js",
                "/acme/missing-card.js", "/acme/..js"}) {
            assertNull(path, scripts.script(path));
        }
    }

    @Test
    public void theScriptIsGoneWhenTheBundleStopsOrTheProductIsUnregistered() throws Exception {
        when(bundle.getState()).thenReturn(Bundle.STOPPING);
        assertNull(scripts.script("/acme/acme-card.js"));
        when(bundle.getState()).thenReturn(Bundle.ACTIVE);
        scripts.unbindProduct(ref);
        assertNull(scripts.script("/acme/acme-card.js"));
    }

    @Test
    public void itIsJavaScriptNeverSniffedAndRevalidated() throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getPathInfo()).thenReturn("/acme/acme-card.js");
        HttpServletResponse resp = mock(HttpServletResponse.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override public void write(int b) { out.write(b); }
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener l) { }
        });
        scripts.doGet(req, resp);
        verify(resp).setContentType("text/javascript; charset=utf-8");
        verify(resp).setHeader("X-Content-Type-Options", "nosniff");
        verify(resp).setHeader("Cache-Control", "no-cache");
        assertEquals(SCRIPT, out.toString(StandardCharsets.UTF_8));
    }
}

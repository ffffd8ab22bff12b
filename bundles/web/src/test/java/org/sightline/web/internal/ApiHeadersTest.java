package org.sightline.web.internal;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import javax.servlet.http.HttpServletResponse;

import org.junit.Test;

public class ApiHeadersTest {

    private static HttpServletResponse apply(String path) {
        HttpServletResponse res = mock(HttpServletResponse.class);
        ApiHeaders.apply(path, res);
        verify(res).setHeader("X-Content-Type-Options", "nosniff");
        return res;
    }

    @Test
    public void responsesWithPersonalDataAreNotStored() {
        for (String path : new String[] {"/v1/customers", "/v1/customers/7/dashboard", "/v1/customers/7/widgets/x/export",
                "/v1/audit", "/v1/session", "/v1/admin/users", "/v1/ingest/sms", "/v1/nothing-here"}) {
            verify(apply(path)).setHeader("Cache-Control", "no-store");
        }
    }

    @Test
    public void healthAndTheApiDescriptionAreNosniffButMayBeCached() {
        for (String path : new String[] {"/v1/health", "/v1/health/ready", "/v1/openapi.json"}) {
            verify(apply(path), never()).setHeader(eq("Cache-Control"), org.mockito.ArgumentMatchers.anyString());
        }
    }
}

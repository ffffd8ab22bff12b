package org.sightline.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of {@code /api/v1}, open without credentials.
 * It is written by hand ({@code src/main/resources/api/openapi.json}); {@code OpenApiTest} fails when a
 * route of the resources is missing from it or an answer does not have the described shape.
 */
@Path("v1/openapi.json")
public final class OpenApiResource {
    /** Where the description is in the bundle. */
    static final String RESOURCE = "/api/openapi.json";
    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle has no " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        return document;
    }
}

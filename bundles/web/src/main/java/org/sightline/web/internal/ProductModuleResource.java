package org.sightline.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.sightline.api.Viewer;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ModuleCheck;
import org.sightline.core.ModuleJar;
import org.sightline.core.ModuleUpdate;
import org.sightline.core.NotInstalledException;
import org.sightline.core.PayloadTooLargeException;
import org.sightline.core.ProductLifecycle;
import org.sightline.web.internal.dto.Modules;

/**
 * Product modules for server operators ({@code server.admin}, checked by the core): check a jar against the
 * server, install it, update a product to it with rollback. The jar is the request body
 * ({@code application/java-archive} or {@code application/octet-stream}), or {@code {"url": ...}} for the
 * server to fetch.
 */
@Path("v1/admin/products")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductModuleResource {
    static final String JAR = "application/java-archive";
    /** The most the web layer reads of an uploaded jar; the core's own limit may be lower. */
    private static final int MAX_UPLOAD = 256 * 1024 * 1024;
    private final Supplier<ProductLifecycle> lifecycle;

    /** @param lifecycle supplies the lifecycle service while feature {@code sightline-lifecycle} runs, else {@code null} */
    ProductModuleResource(Supplier<ProductLifecycle> lifecycle) {
        this.lifecycle = lifecycle;
    }

    private ProductLifecycle lifecycle() {
        ProductLifecycle l = lifecycle.get();
        if (l == null) {
            throw new NotInstalledException("Product module management is not installed (feature sightline-lifecycle).");
        }
        return l;
    }

    /** What the uploaded module imports against what the server exports; never installs it. */
    @POST
    @Path("check")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    public Modules.Check check(@Context ContainerRequestContext req, InputStream body) {
        Viewer v = Access.viewer(req);
        return check(lifecycle().check(v, upload(body)));
    }

    /** The same for a module the server fetches. */
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Modules.Check checkUrl(@Context ContainerRequestContext req, Modules.Source body) {
        Viewer v = Access.viewer(req);
        ProductLifecycle l = lifecycle();
        return check(l.check(v, l.read(v, Params.body(body).url())));
    }

    /** Installs and starts the uploaded module; {@code 409} naming each missing package when it cannot resolve. */
    @POST
    @Path("install")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    public Modules.Result install(@Context ContainerRequestContext req, InputStream body) {
        return result(lifecycle().install(Access.viewer(req), upload(body)));
    }

    /** Installs a module the server fetches. */
    @POST
    @Path("install")
    @Consumes(MediaType.APPLICATION_JSON)
    public Modules.Result installUrl(@Context ContainerRequestContext req, Modules.Source body) {
        Viewer v = Access.viewer(req);
        ProductLifecycle l = lifecycle();
        return result(l.install(v, l.read(v, Params.body(body).url())));
    }

    /**
     * Updates the product's module to the uploaded jar, watches it and rolls back if it fails; answers when the
     * update is kept or rolled back (the watch time of {@code etc/org.sightline.lifecycle.cfg}).
     */
    @POST
    @Path("{id}/update")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    public Modules.Result update(@Context ContainerRequestContext req, @PathParam("id") String id, InputStream body) {
        return result(lifecycle().update(Access.viewer(req), id, upload(body)));
    }

    /** The same with a module the server fetches. */
    @POST
    @Path("{id}/update")
    @Consumes(MediaType.APPLICATION_JSON)
    public Modules.Result updateUrl(@Context ContainerRequestContext req, @PathParam("id") String id, Modules.Source body) {
        Viewer v = Access.viewer(req);
        ProductLifecycle l = lifecycle();
        return result(l.update(v, id, l.read(v, Params.body(body).url())));
    }

    private static ModuleJar upload(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_UPLOAD + 1);
            if (bytes.length > MAX_UPLOAD) {
                throw new PayloadTooLargeException("a module jar may have at most " + MAX_UPLOAD + " bytes");
            }
            if (bytes.length == 0) {
                throw new InvalidParameterException("body", "the request body must be the module's jar");
            }
            return new ModuleJar("upload", bytes);
        } catch (IOException e) {
            throw new InvalidParameterException("body", "the jar could not be read");
        }
    }

    static Modules.Check check(ModuleCheck c) {
        return new Modules.Check(c.symbolicName(), c.version(), c.resolvable(), c.missing(),
                c.needs().stream().map(n -> new Modules.Need(n.namespace(), n.name(), n.range(), n.optional(), n.status(),
                        n.providedBy())).toList(),
                c.serverApi().stream().map(p -> new Modules.ApiPackage(p.name(), p.version())).toList());
    }

    static Modules.Result result(ModuleUpdate u) {
        return new Modules.Result(u.productId(), u.bundle(), u.fromVersion(), u.toVersion(), u.outcome(), u.reason(),
                u.updateMillis(), u.watchMillis(), u.rollbackMillis(), u.renders(), u.failures());
    }
}

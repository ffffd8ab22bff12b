package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Installing and updating product modules safely, for server operators ({@code server.admin}). Every method
 * checks the permission and writes the audit entry itself ({@code product.check}, {@code product.install},
 * {@code product.update}, {@code product.rollback}); the shell and the admin API only translate.
 *
 * @since 4.1
 */
@ProviderType
public interface ProductLifecycle {

    /**
     * Reads a module's jar from a URL ({@code file:}, {@code http:}, {@code https:} or {@code mvn:}), up to the
     * configured size.
     *
     * @throws ForbiddenException        without {@code server.admin}
     * @throws InvalidParameterException on another scheme, an unreadable address or a jar too big
     */
    ModuleJar read(Viewer caller, String url);

    /**
     * What the module needs (its {@code Import-Package} and {@code Require-Capability}) against what the server
     * has, read from the jar's manifest without installing it.
     *
     * @throws ForbiddenException        without {@code server.admin}
     * @throws InvalidParameterException when the bytes are not an OSGi bundle
     */
    ModuleCheck check(Viewer caller, ModuleJar jar);

    /**
     * Installs and starts a module after checking it.
     *
     * @throws ConflictException when the module cannot resolve (the message names each missing package and
     *                           version) or a bundle of the same symbolic name is installed
     */
    ModuleUpdate install(Viewer caller, ModuleJar jar);

    /**
     * Updates the bundle that provides the product to the jar, then watches it for the configured time; rolls
     * back to the previous bundle (its jar as it was installed) if the new one does not start, a component or
     * the product does not come up, or a widget fails more renders than the configured share. Dashboards keep
     * answering throughout: the widgets being swapped are error cards meanwhile. One update runs at a time.
     *
     * @throws NotFoundException         when no deployed bundle provides the product
     * @throws ConflictException         when the jar cannot resolve, or another update is running
     * @throws InvalidParameterException when the jar is another bundle than the product's
     */
    ModuleUpdate update(Viewer caller, String productId, ModuleJar jar);
}

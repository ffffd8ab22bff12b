/**
 * What the product families share with one another: {@link org.sightline.family.support.PendingApplier}, the thread
 * that folds a family's journalled pending rows into its roll-ups (the usage and backup families each supply what a
 * pending row is and how it is applied).
 * <p>
 * Exported for the family bundles only: each family's feature includes this bundle, so each family stays
 * deployable on its own and Karaf keeps the bundle while any family needs it. The core never imports this package
 * (it knows no family) and products do not need it (they import only the API). The bundle imports only {@code
 * org.sightline.core} (for {@link org.sightline.core.Transactions}) and SLF4J.
 */
@Export
@Version("1.0.0")
package org.sightline.family.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Sightline's product contract: what a product module is ({@link org.sightline.api.Product}), who is
 * looking ({@link org.sightline.api.Viewer}) and at which customer ({@link org.sightline.api.CustomerRef}).
 * <p>
 * A product bundle imports only {@code org.sightline.api.*}. Widgets live in {@code .widget}, the views
 * they return in {@code .view}, ingestion in {@code .ingest}, storage and lifecycle hooks in {@code .data}.
 */
@Export
@Version("1.1.0")
package org.sightline.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

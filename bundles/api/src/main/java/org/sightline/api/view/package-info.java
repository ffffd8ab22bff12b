/**
 * The views a widget returns. The web page draws each of them without vendor code. Every view is an
 * immutable value; every value shown in a table or tile is a typed {@link org.sightline.api.view.Cell}.
 * <p>
 * Personal data has its own cell types ({@link org.sightline.api.view.Cell.Phone},
 * {@link org.sightline.api.view.Cell.PersonName}, {@link org.sightline.api.view.Cell.Message}). The core's
 * privacy filter masks or removes them, and masks phone-number-like text in every other string, before
 * any view leaves the server as JSON, CSV, XLSX or PDF.
 * <p>
 * Since 1.2 a product bundle may ship the script of its {@link org.sightline.api.view.CustomView} element in
 * {@link org.sightline.api.view.CustomView#SCRIPTS}; the web page loads it when the view is drawn.
 */
@Export
@Version("1.2.0")
package org.sightline.api.view;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Dashboard widgets: a product registers {@link org.sightline.api.widget.DashboardWidget} services whose
 * metadata travels as service properties ({@link org.sightline.api.widget.SightlineWidget}); the core
 * renders them, in parallel and with a deadline, into the customer's dashboard.
 */
@Export
@Version("1.1.0")
package org.sightline.api.widget;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Storage and customer-lifecycle hooks: the shared {@link org.sightline.api.data.ModuleStorage} with
 * per-module schema migrations, {@link org.sightline.api.data.CustomerDataOwner} to delete a
 * disconnected customer's data, and {@link org.sightline.api.data.SampleDataProvider} for sample data and
 * (since 1.1) the sample customers' subscriptions.
 */
@Export
@Version("1.1.0")
package org.sightline.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

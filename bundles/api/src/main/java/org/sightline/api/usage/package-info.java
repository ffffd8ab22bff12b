/**
 * Usage logs for communications products (SMS, Voice, Video, Messaging Apps and the like): what such
 * products share lives here and in the core, so a product bundle only describes its records.
 * <ul>
 * <li>{@link org.sightline.api.usage.UsageLog} stores usage records idempotently, prices them by the
 * customer's own {@link org.sightline.api.usage.PriceList}, keeps daily roll-ups, draws down the
 * customer's credits, and reads them back as keyset pages and summaries.</li>
 * <li>{@link org.sightline.api.usage.UsageViews} renders the standard KPI tiles, daily series and
 * usage-log table for a product described by a {@link org.sightline.api.usage.UsageSpec}.</li>
 * <li>{@link org.sightline.api.usage.UsageIngestHandler} and {@link org.sightline.api.usage.UsageSampleData}
 * (since 1.1) are a usage product's ingest handler and sample data but for what is the product's own:
 * mapping a line, and the shape of its sample traffic.</li>
 * </ul>
 * Privacy: a {@link org.sightline.api.usage.UsageRecord} keeps only the last four digits of a phone
 * number, and has no place for message content or contact names.
 */
@Export
@Version("1.1.0")
package org.sightline.api.usage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

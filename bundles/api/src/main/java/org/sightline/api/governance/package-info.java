/**
 * What the governance products (policy monitor, risk insights and the like) share, implemented by the
 * governance family bundle:
 * <ul>
 * <li>{@link org.sightline.api.governance.GovernanceCounts} keeps per-day counts of a product's measures per
 * customer (and per kind, such as a workspace kind), idempotently: a count sent again for the same day replaces
 * the stored one;</li>
 * <li>{@link org.sightline.api.governance.GovernanceIngestHandler} takes NDJSON lines of several types, checks
 * every line before anything is written and rejects bad lines with their reason;</li>
 * <li>{@link org.sightline.api.governance.GovernanceViews} draws daily series of those counts and builds deep
 * links into the customer's own environment;</li>
 * <li>{@link org.sightline.api.governance.GovernanceSamples} names the sample customers that subscribe to a
 * product, so that every one of them gets sample data.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package org.sightline.api.governance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

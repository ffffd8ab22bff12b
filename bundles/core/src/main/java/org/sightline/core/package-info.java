/**
 * The core's services for the web layer, the shell and the report bundle: the widget registry and its
 * health, dashboards (composed, privacy-filtered), customers scoped to a viewer, ingestion and tokens;
 * and, for family bundles, {@link org.sightline.core.Transactions} and {@link org.sightline.core.Credits}
 * (since 1.2); PDF reports ({@link org.sightline.core.PdfReports}, since 2.2); the mail {@link org.sightline.core.Outbox}, its {@link org.sightline.core.MailTransport} and the admins' view of it, {@link org.sightline.core.MailQueue} (since 3.1); report templates, generated and scheduled reports and their delivery
 * ({@link org.sightline.core.ReportTemplates}, {@link org.sightline.core.ReportDeliveries}, {@link org.sightline.core.ReportSchedules}, since 4.1); installing and updating product modules with a compatibility check and rollback
 * ({@link org.sightline.core.ProductLifecycle}, since 4.1); the partner's logo on report covers ({@link org.sightline.core.PartnerLogos}, since 4.2); scheduled reports run on an operator's demand ({@link org.sightline.core.ReportRuns}, since 4.2). Since 4.0 the staff directory and tokens take no raw ids outside the core. Since 3.0 every method that
 * takes a customer, group, user or token id takes the caller ({@code Viewer}), and operators set partners
 * up through {@link org.sightline.core.Provisioning}. Product modules never see this package; they use
 * {@code org.sightline.api}.
 */
@Export
@Version("4.2.0")
package org.sightline.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

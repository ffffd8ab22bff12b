/**
 * Reports: what a product or the core records when a user runs, exports, generates or sends a report for a
 * customer ({@link org.sightline.api.report.ReportActivity}); the core lists it in its "Report activity" widget
 * and audits it. A widget offers reports as PDF by implementing {@link org.sightline.api.report.WidgetReports},
 * which returns a {@link org.sightline.api.report.ReportDocument} of headings, text and the same typed views a
 * widget renders; the core filters it and draws it with the {@link org.sightline.api.report.ReportRenderer}
 * service, branded ({@link org.sightline.api.report.Branding}). Since 1.1 a family that prices usage registers a
 * {@link org.sightline.api.report.ChargesSource}, from which the core composes customers' monthly billing reports.
 */
@Export
@Version("1.1.0")
package org.sightline.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

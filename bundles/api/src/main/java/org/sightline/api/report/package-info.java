/**
 * Reports: what a product or the core records when a user runs, exports, generates or sends a report for a
 * customer ({@link org.sightline.api.report.ReportActivity}); the core lists it in its "Report activity" widget
 * and audits it.
 */
@Export
@Version("1.0.0")
package org.sightline.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

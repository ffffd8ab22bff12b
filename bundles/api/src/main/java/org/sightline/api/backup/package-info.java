/**
 * Backup products (Microsoft 365, Google Workspace, IaaS + PaaS, Dynamics 365, Salesforce and the like): what
 * such products share lives in the backup family bundle, so a product bundle only names its workloads.
 * <ul>
 * <li>{@link org.sightline.api.backup.BackupSpec} names a product's {@link org.sightline.api.backup.Workload}s.</li>
 * <li>{@link org.sightline.api.backup.BackupStore} stores job runs, protected objects and storage use
 * idempotently (a job sent again with a later state replaces the earlier one) and keeps per-day, per-workload
 * roll-ups up to date in the same transaction; widgets read only the roll-ups.</li>
 * <li>{@link org.sightline.api.backup.BackupViews} draws the standard widgets (backup status per workload, jobs
 * per day by status, failed and partial jobs with reasons, storage by workload) and answers summaries.</li>
 * <li>{@link org.sightline.api.backup.BackupIngestHandler} and {@link org.sightline.api.backup.BackupSampleData}
 * are a backup product's ingest handler and sample data; both let a product add record kinds and sample data of
 * its own.</li>
 * </ul>
 * Privacy: a job's {@code error} text may name people, mailboxes or files and is treated as personal data (it is
 * drawn as message content, which the core removes); its {@code reason} is a short, non-personal category, which
 * the core still scrubs of phone numbers and e-mail addresses like every text.
 */
@Export
@Version("1.0.0")
package org.sightline.api.backup;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

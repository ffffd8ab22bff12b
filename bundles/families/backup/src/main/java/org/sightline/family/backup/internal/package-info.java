/**
 * The backup family: the implementation of {@code org.sightline.api.backup} that the Microsoft 365, Google
 * Workspace, IaaS + PaaS, Dynamics 365 and Salesforce backup products share. {@link
 * org.sightline.family.backup.internal.BackupStoreService} validates, stores and rolls up job runs, protected
 * objects and storage, and deletes a disconnected customer's; {@link
 * org.sightline.family.backup.internal.BackupViewsService} draws the products' widgets from the roll-ups.
 * <p>
 * The family owns the tables {@code backup_job}, {@code backup_daily} and {@code backup_pending}, migrated as module {@code backup} from
 * {@code db/migration/backup}; only this package runs SQL on them.
 * <p>
 * Not exported: products see only the API package; this bundle imports only {@code org.sightline.api..} and
 * {@code org.sightline.core}.
 */
package org.sightline.family.backup.internal;

package org.sightline.api.backup;

import org.sightline.api.CustomerRef;

/** A record a backup product stores: a {@link JobRun}, {@link ProtectedObjects} or {@link StorageUse}. */
public sealed interface BackupRecord permits JobRun, ProtectedObjects, StorageUse {

    /** The customer it belongs to. */
    CustomerRef customer();

    /** The workload it is about. */
    String workload();
}

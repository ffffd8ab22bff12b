package org.sightline.product.m365.sharepoint;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The tenant's SharePoint Online storage on a day.
 *
 * @param day        the day
 * @param usedBytes  storage in use
 * @param quotaBytes the tenant's storage quota
 */
public record StorageDay(LocalDate day, long usedBytes, long quotaBytes) {
    /** Bytes per GB, as Microsoft counts SharePoint storage (1024³). */
    public static final double GB = 1024d * 1024 * 1024;

    public StorageDay {
        Objects.requireNonNull(day, "day");
    }

    public double usedGb() {
        return usedBytes / GB;
    }

    public double quotaGb() {
        return quotaBytes / GB;
    }
}

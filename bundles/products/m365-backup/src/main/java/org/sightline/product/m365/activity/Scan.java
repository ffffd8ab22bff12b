package org.sightline.product.m365.activity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The analysis's summary of a day: how many OneDrive accounts and SharePoint sites it tracked.
 *
 * @param day       the day
 * @param onedrives OneDrive accounts tracked
 * @param sites     SharePoint sites tracked
 */
public record Scan(LocalDate day, int onedrives, int sites) {
    public Scan {
        Objects.requireNonNull(day, "day");
    }
}

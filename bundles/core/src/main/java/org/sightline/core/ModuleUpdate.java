package org.sightline.core;

/**
 * What an install or update did.
 *
 * @param productId      the product updated, or {@code null} for an install
 * @param bundle         the bundle's symbolic name
 * @param fromVersion    the version before ({@code null} for an install)
 * @param toVersion      the version the jar holds
 * @param outcome        {@link #INSTALLED}, {@link #UPDATED} or {@link #ROLLED_BACK}
 * @param reason         why it was rolled back, or {@code null}
 * @param updateMillis   from the start of the update until the new bundle was started (or failed to)
 * @param watchMillis    how long the new bundle was watched before the verdict
 * @param rollbackMillis from the decision to roll back until the previous bundle served its product again
 *                       ({@code 0} when not rolled back)
 * @param renders        renders of the module's widgets seen while watching
 * @param failures       of which failed
 * @since 4.1
 */
public record ModuleUpdate(String productId, String bundle, String fromVersion, String toVersion, String outcome,
                           String reason, long updateMillis, long watchMillis, long rollbackMillis, long renders,
                           long failures) {
    public static final String INSTALLED = "installed";
    public static final String UPDATED = "updated";
    public static final String ROLLED_BACK = "rolled-back";
}

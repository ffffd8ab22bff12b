package org.sightline.product.m365.activity;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of unusual activity the analysis reports, by the code backends send. */
public enum Activity {
    MASS_DELETION("mass-deletion", "Mass deletion"),
    MASS_ENCRYPTION("mass-encryption", "Mass encryption"),
    UNUSUAL_RENAME("unusual-rename", "Unusual rename or extension"),
    SUSPICIOUS_PATH("suspicious-path", "Suspicious file paths");

    private final String code;
    private final String label;

    Activity(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The code in records and tables, such as {@code mass-encryption}. */
    public String code() {
        return code;
    }

    /** What portal users read. */
    public String label() {
        return label;
    }

    /** The activity with this code. */
    public static Optional<Activity> of(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}

package org.sightline.product.m365.activity;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object with findings in a range: its unusual activities with their highest scores, the number of suspicious
 * files, the last day and the highest score.
 *
 * @param id         the object's id in the store (used for the object's drill-down panel)
 * @param type       OneDrive account or SharePoint site
 * @param name       the display name
 * @param activities each activity seen, with its highest score, highest first
 * @param files      suspicious files reported
 * @param lastDay    the last day with a finding, or {@code null} when not asked
 * @param maxScore   the highest score
 */
public record SuspiciousObject(long id, ObjectType type, String name, Map<Activity, Integer> activities, long files,
                               LocalDate lastDay, int maxScore) {
    public SuspiciousObject {
        activities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(activities));
    }

    /** Collects an object's rows from the store's two queries. */
    static final class Builder {
        private final long id;
        private final ObjectType type;
        private final String name;
        private final LocalDate lastDay;
        private final int maxScore;
        private final long files;
        private final Map<Activity, Integer> activities = new LinkedHashMap<>();

        Builder(long id, ObjectType type, String name, LocalDate lastDay, int maxScore, long files) {
            this.id = id;
            this.type = type;
            this.name = name;
            this.lastDay = lastDay;
            this.maxScore = maxScore;
            this.files = files;
        }

        void activity(Activity a, int score) {
            activities.put(a, score);
        }

        SuspiciousObject build() {
            return new SuspiciousObject(id, type, name, activities, files, lastDay, maxScore);
        }
    }
}

package org.sightline.product.m365.activity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One unusual-activity finding, as validated from a record: an activity of one OneDrive account or
 * SharePoint site on one day, its score and the suspicious files.
 *
 * @param recordId   the record's id, unique per customer
 * @param day        the day the activity was seen (the backend's day)
 * @param objectType OneDrive account or SharePoint site
 * @param objectKey  the backend's id of the object (for a OneDrive often its owner's address: never shown)
 * @param objectName the object's display name (a person's name for a OneDrive)
 * @param activity   what was unusual
 * @param score      how sure the analysis is, 0 to 100
 * @param files      the suspicious files' paths (personal data)
 */
public record Finding(String recordId, LocalDate day, ObjectType objectType, String objectKey, String objectName,
                      Activity activity, int score, List<String> files) {
    public Finding {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(activity, "activity");
        files = List.copyOf(files);
    }

    /** A digest of the finding's content: a record sent again unchanged stores nothing. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object part : List.of(day, objectType.code(), objectKey, objectName, activity.code(), score)) {
                md.update(part.toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            for (String f : files) {
                md.update(f.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

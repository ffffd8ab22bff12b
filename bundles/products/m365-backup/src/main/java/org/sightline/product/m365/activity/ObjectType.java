package org.sightline.product.m365.activity;

import java.util.Arrays;
import java.util.Optional;

/** What the unusual-activity analysis watches: a user's OneDrive, or a SharePoint Online site. */
public enum ObjectType {
    /** A OneDrive account: named after its owner, a person. */
    ONEDRIVE("onedrive", "OneDrive"),
    /** A SharePoint Online site: named after a team, project or department. */
    SHAREPOINT_SITE("sharepoint-site", "SharePoint site");

    private final String code;
    private final String label;

    ObjectType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<ObjectType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}

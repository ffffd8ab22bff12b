package org.sightline.api.backup;

/** What storing one record did. */
public enum Stored {
    /** Written: new, or a later state that replaced an earlier one. */
    STORED,
    /** Already stored as it is; nothing was written. */
    DUPLICATE
}

package org.sightline.api.view;

/** The type of a table column or cell; the page formats and sorts by it. */
public enum CellType {
    TEXT, NUMBER, MONEY, TIMESTAMP, DURATION, STATUS, LINK,
    /** A phone number: shown masked to its last four digits. */
    PHONE,
    /** A person's name: removed by the core. */
    PERSON_NAME,
    /** Message content: removed by the core. */
    MESSAGE_CONTENT
}

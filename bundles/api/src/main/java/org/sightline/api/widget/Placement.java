package org.sightline.api.widget;

/** Where a widget is shown. */
public enum Placement {
    /** On the customer's overview dashboard. */
    OVERVIEW,
    /** On the product's own page, reached from the customer's navigation. */
    PRODUCT_PAGE
}

package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The deployed products and widgets, with each widget's health, as operators see them. */
@ProviderType
public interface WidgetRegistry {

    /** Deployed products, in navigation order. */
    List<ProductInfo> products();

    /** Deployed widgets with their health, ordered by section, order and id. */
    List<WidgetHealth> widgets();
}

package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;

/** The deployed products and widgets, with each widget's health, as operators see them. */
@ProviderType
public interface WidgetRegistry {

    /** Deployed products, in navigation order. */
    List<ProductInfo> products();

    /** Deployed products, in navigation order, for a caller with {@code customer.read}. @throws ForbiddenException otherwise */
    default List<ProductInfo> products(Viewer caller) {
        Roles.require(caller, Permissions.CUSTOMER_READ);
        return products();
    }

    /** Deployed widgets with their health, ordered by section, order and id. */
    List<WidgetHealth> widgets();

    /** Deployed widgets with their health, for a server operator ({@code server.admin}). @throws ForbiddenException otherwise */
    default List<WidgetHealth> widgets(Viewer caller) {
        Roles.require(caller, Permissions.ADMIN);
        return widgets();
    }
}

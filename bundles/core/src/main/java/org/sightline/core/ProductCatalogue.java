package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;

/**
 * Every product that was ever deployed on this server, deployed now or not, as it last described itself.
 * A subscription outlives its product's bundle; the catalogue is what still knows the product's name then.
 */
@ProviderType
public interface ProductCatalogue {

    /** Every product ever deployed, ordered by name and id. */
    List<KnownProduct> products();

    /** Every product ever deployed, for a caller with {@code customer.read}. @throws ForbiddenException otherwise */
    default List<KnownProduct> products(Viewer caller) {
        Roles.require(caller, Permissions.CUSTOMER_READ);
        return products();
    }

    /** The product with the id, or empty when no such product was ever deployed. */
    Optional<KnownProduct> find(String productId);

    /**
     * The name to show for a product id: the product's display name when it was ever deployed, otherwise
     * the id itself (nothing better is known).
     */
    default String displayName(String productId) {
        return find(productId).map(KnownProduct::displayName).orElse(productId);
    }
}

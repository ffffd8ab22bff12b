package org.sightline.product.policy;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;

/** Policies for Microsoft 365: the customer tenant's rules, whether it keeps them, and what violates them. */
@Component(service = Product.class)
public class PolicyProduct implements Product {

    /** The product id. */
    public static final String ID = "policy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Policies for Microsoft 365";
    }

    @Override
    public String family() {
        return FAMILY_GOVERNANCE;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3zm-1 14-4-4 1.4-1.4L11 13.2l4.6-4.6L17 10l-6 6z\"/></svg>";
    }

    @Override
    public int order() {
        return 300;
    }
}

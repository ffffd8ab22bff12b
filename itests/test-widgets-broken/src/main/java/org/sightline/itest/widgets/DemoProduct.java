package org.sightline.itest.widgets;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;

/** The test product, as in the good build. */
@Component(service = Product.class)
public class DemoProduct implements Product {
    public static final String ID = "itest-demo";

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Itest Demo"; }
    @Override public String family() { return FAMILY_GOVERNANCE; }
}

package ${package};

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;

@Component(service = Product.class)
public class ModuleProduct implements Product {
    @Override
    public String id() {
        return "${productId}";
    }

    @Override
    public String displayName() {
        return "${productName}";
    }

    @Override
    public String family() {
        return "${productId}";
    }
}

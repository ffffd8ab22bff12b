package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.core.ProductInfo;
import org.sightline.core.WidgetRegistry;

/** Lists deployed products. */
@Service
@Command(scope = "sightline", name = "products", description = "List deployed product modules")
public class ProductsCommand implements Action {

    @Reference
    WidgetRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Family");
        table.column("Bundle");
        table.column("Version");
        table.column("Widgets").alignRight();
        var widgets = registry.widgets();
        for (ProductInfo p : registry.products()) {
            long count = widgets.stream().filter(w -> w.descriptor().productId().equals(p.id())).count();
            table.addRow().addContent(p.id(), p.displayName(), p.family(), p.bundle(), p.bundleVersion(), count);
        }
        table.print(System.out);
        return null;
    }
}

package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.core.WidgetHealth;
import org.sightline.core.WidgetRegistry;

/** Lists deployed widgets with their bundle and health. */
@Service
@Command(scope = "sightline", name = "widgets", description = "List dashboard widgets: bundle, version, state, calls, failures, latency")
public class WidgetsCommand implements Action {

    @Reference
    WidgetRegistry registry;

    @Option(name = "-p", aliases = "--product", description = "Only widgets of this product")
    String product;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Product");
        table.column("Section");
        table.column("Bundle");
        table.column("Version");
        table.column("State");
        table.column("Calls").alignRight();
        table.column("Failures").alignRight();
        table.column("p95 ms").alignRight();
        table.column("Last error");
        for (WidgetHealth h : registry.widgets()) {
            if (product != null && !product.equals(h.descriptor().productId())) {
                continue;
            }
            table.addRow().addContent(h.descriptor().id(), h.descriptor().productId(), h.descriptor().section(),
                    h.bundle(), h.bundleVersion(), h.state(), h.calls(), h.failures(),
                    String.format("%.1f", h.p95Millis()), h.lastError() == null ? "" : h.lastError());
        }
        table.print(System.out);
        return null;
    }
}

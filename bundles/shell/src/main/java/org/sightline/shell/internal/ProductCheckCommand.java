package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.api.Viewer;
import org.sightline.core.ModuleCheck;
import org.sightline.core.ProductLifecycle;

/** Checks a module jar against the server without installing it. */
@Service
@Command(scope = "sightline", name = "product-check",
        description = "Check what a product module jar imports against what this server exports, without installing it")
public class ProductCheckCommand implements Action {

    @Reference
    ProductLifecycle lifecycle;

    @Argument(index = 0, name = "jar", required = true, description = "The module: a path to its jar, or a file:, mvn:, http(s): URL")
    @Completion(FileCompleter.class)
    String jar;

    @Override
    public Object execute() {
        Viewer operator = Operator.viewer();
        ModuleCheck c = lifecycle.check(operator, lifecycle.read(operator, ModuleSource.url(jar)));
        System.out.println(c.symbolicName() + " " + c.version());
        print(c);
        return null;
    }

    static void print(ModuleCheck c) {
        ShellTable table = new ShellTable();
        table.column("Needs");
        table.column("Range");
        table.column("Status");
        table.column("Provided by");
        for (ModuleCheck.Need n : c.needs()) {
            String kind = "osgi.wiring.package".equals(n.namespace()) ? n.name() : n.namespace() + " " + n.name();
            table.addRow().addContent(kind, n.range(), n.status() + (n.optional() ? " (optional)" : ""),
                    n.providedBy() == null ? "" : n.providedBy());
        }
        table.print(System.out);
        StringBuilder api = new StringBuilder("Server API:");
        c.serverApi().forEach(p -> api.append(' ').append(p.name()).append(' ').append(p.version()).append(';'));
        System.out.println(api);
        System.out.println(c.resolvable() ? "Resolvable: it can be installed on this server."
                : "Cannot be installed here: it needs " + String.join(", ", c.missing()) + ", which no bundle of this server provides.");
    }
}

package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.sightline.api.Viewer;
import org.sightline.core.ModuleUpdate;
import org.sightline.core.ProductLifecycle;

/** Updates a product's module, watches it and rolls it back if it does not hold up. */
@Service
@Command(scope = "sightline", name = "product-update",
        description = "Update a product's module from a jar, watch its widgets and roll back to the previous bundle if it fails")
public class ProductUpdateCommand implements Action {

    @Reference
    ProductLifecycle lifecycle;

    @Argument(index = 0, name = "product", required = true, description = "The product id")
    @Completion(ProductCompleter.class)
    String product;

    @Argument(index = 1, name = "jar", required = true, description = "The new module: a path to its jar, or a file:, mvn:, http(s): URL")
    @Completion(FileCompleter.class)
    String jar;

    @Override
    public Object execute() {
        Viewer operator = Operator.viewer();
        ModuleUpdate u = lifecycle.update(operator, product, lifecycle.read(operator, ModuleSource.url(jar)));
        print(u);
        return null;
    }

    static void print(ModuleUpdate u) {
        if (ModuleUpdate.ROLLED_BACK.equals(u.outcome())) {
            System.out.println("Rolled back: " + u.bundle() + " " + u.toVersion() + " " + u.reason() + ". "
                    + u.fromVersion() + " is running again (rollback took " + u.rollbackMillis() + " ms).");
        } else {
            System.out.println("Updated " + u.bundle() + " " + u.fromVersion() + " -> " + u.toVersion() + ".");
        }
        System.out.println("Start " + u.updateMillis() + " ms, watched " + u.watchMillis() + " ms, " + u.renders()
                + " widget renders (" + u.failures() + " failed).");
    }
}

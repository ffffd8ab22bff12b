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

/** Installs a product module after checking that it resolves. */
@Service
@Command(scope = "sightline", name = "product-install",
        description = "Install and start a product module jar, refusing one that cannot resolve on this server")
public class ProductInstallCommand implements Action {

    @Reference
    ProductLifecycle lifecycle;

    @Argument(index = 0, name = "jar", required = true, description = "The module: a path to its jar, or a file:, mvn:, http(s): URL")
    @Completion(FileCompleter.class)
    String jar;

    @Override
    public Object execute() {
        Viewer operator = Operator.viewer();
        ModuleUpdate u = lifecycle.install(operator, lifecycle.read(operator, ModuleSource.url(jar)));
        System.out.println("Installed " + u.bundle() + " " + u.toVersion() + " in " + u.updateMillis() + " ms.");
        return null;
    }
}

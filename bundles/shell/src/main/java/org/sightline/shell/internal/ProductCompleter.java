package org.sightline.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sightline.core.ProductInfo;
import org.sightline.core.WidgetRegistry;

/** Completes the ids of deployed products. */
@Service
public class ProductCompleter implements Completer {
    @Reference
    WidgetRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        registry.products().stream().map(ProductInfo::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}

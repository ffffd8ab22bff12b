package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.core.Provisioning;

/** Creates a partner (a tenant); prints its id. */
@Service
@Command(scope = "sightline", name = "partner-add", description = "Create a partner (tenant); prints its id")
public class PartnerAddCommand implements Action {

    @Reference
    Provisioning provisioning;

    @Argument(index = 0, name = "name", required = true, description = "The partner's name")
    String name;

    @Option(name = "--view-only", description = "A view-only partner hub: its staff never act on customers")
    boolean viewOnly;

    @Override
    public Object execute() {
        long id = provisioning.createPartner(Operator.viewer(), name, viewOnly);
        System.out.println("Created partner " + id + " " + name.strip() + (viewOnly ? " (view-only)" : ""));
        return null;
    }
}

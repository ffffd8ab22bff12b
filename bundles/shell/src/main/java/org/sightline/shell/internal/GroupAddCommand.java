package org.sightline.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.core.Provisioning;

/** Puts customers in a customer group ("pod"), creating the group if missing. */
@Service
@Command(scope = "sightline", name = "group-add", description = "Put customers in a customer group (pod), creating it if missing")
public class GroupAddCommand implements Action {

    @Reference
    Provisioning provisioning;

    @Argument(index = 0, name = "group", required = true, description = "Group name")
    String group;

    @Argument(index = 1, name = "customers", multiValued = true, description = "Customer ids")
    List<Long> customerIds;

    @Option(name = "-p", aliases = "--partner", description = "Partner id (default: the first partner)")
    Long partner;

    @Override
    public Object execute() {
        long partnerId = partner != null ? partner
                : provisioning.defaultPartner(Operator.viewer()).orElseThrow(() -> new IllegalStateException("no partner exists yet"));
        long g = provisioning.createGroup(Operator.viewer(), partnerId, group);
        if (customerIds != null) {
            for (long id : customerIds) {
                provisioning.addToGroup(Operator.viewer(), g, id);
            }
        }
        System.out.println("Group " + group + " (" + g + ")" + (customerIds == null ? "" : ": added " + customerIds));
        return null;
    }
}

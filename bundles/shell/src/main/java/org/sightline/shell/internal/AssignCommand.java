package org.sightline.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Provisioning;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;

/** Assigns a portal user to customers, or to a customer group ("pod"); {@code --remove} ends the assignments. */
@Service
@Command(scope = "sightline", name = "assign", description = "Assign a portal user to customers (ids) or to a customer group (by name, created if missing); --remove ends them")
public class AssignCommand implements Action {

    @Reference
    StaffDirectory staff;

    @Reference
    CustomerDirectory customers;

    @Reference
    Provisioning provisioning;

    @Reference
    StaffAdmin staffAdmin;

    @Argument(index = 0, name = "username", required = true, description = "The portal user")
    String username;

    @Argument(index = 1, name = "customers", multiValued = true, description = "Customer ids")
    List<Long> customerIds;

    @Option(name = "-g", aliases = "--group", description = "A customer group of the user's partner")
    String group;

    @Option(name = "-r", aliases = "--remove", description = "End the assignments instead")
    boolean remove;

    @Override
    public Object execute() {
        StaffUser u = staff.find(username).orElseThrow(() -> new IllegalArgumentException("no portal user " + username));
        Viewer operator = Operator.viewer();
        if (remove) {
            if (group != null) {
                long g = customers.groups(u.viewer()).stream().filter(x -> x.name().equalsIgnoreCase(group.strip()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no customer group " + group)).id();
                System.out.println(unassign(operator, u, StaffAdmin.Target.GROUP, g) ? u.username() + " no longer sees group " + group
                        : u.username() + " was not assigned to group " + group);
            }
            if (customerIds != null) {
                for (long id : customerIds) {
                    System.out.println(unassign(operator, u, StaffAdmin.Target.CUSTOMER, id)
                            ? u.username() + " no longer assigned to customer " + id
                            : u.username() + " was not assigned to customer " + id);
                }
            }
            return null;
        }
        if (group != null) {
            long g = provisioning.createGroup(operator, u.partnerId(), group);
            staffAdmin.assign(operator, u.username(), StaffAdmin.Target.GROUP, g, true);
            System.out.println(u.username() + " now sees the customers of group " + group);
        }
        if (customerIds != null) {
            for (long id : customerIds) {
                staffAdmin.assign(operator, u.username(), StaffAdmin.Target.CUSTOMER, id, true);
            }
            System.out.println(u.username() + " now sees customers " + customerIds);
        }
        return null;
    }

    /** Ends an assignment; false when there was none. */
    private boolean unassign(Viewer operator, StaffUser u, StaffAdmin.Target target, long id) {
        StaffDirectory.Assignments now = staffAdmin.assignments(operator, u.username());
        if (!(target == StaffAdmin.Target.CUSTOMER ? now.customers() : now.groups()).contains(id)) {
            return false;
        }
        staffAdmin.assign(operator, u.username(), target, id, false);
        return true;
    }
}

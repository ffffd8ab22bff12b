package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffUser;

/** Enables a disabled portal user again. */
@Service
@Command(scope = "sightline", name = "user-enable", description = "Enable a disabled portal user again")
public class UserEnableCommand implements Action {

    @Reference
    StaffAdmin staff;

    @Argument(index = 0, name = "username", required = true, description = "The user")
    String username;

    @Override
    public Object execute() {
        StaffUser u = staff.setEnabledAsOperator(Operator.viewer(), username, true);
        System.out.println(u.username() + " is enabled");
        return null;
    }
}

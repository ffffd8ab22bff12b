package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.core.StaffAdmin;

/** Makes a portal user a server operator (widget health, the admin page), or no longer one. */
@Service
@Command(scope = "sightline", name = "user-operator",
        description = "Make a portal user a server operator (widget health and the admin page, across partners); --revoke undoes it")
public class UserOperatorCommand implements Action {

    @Reference
    StaffAdmin staff;

    @Argument(index = 0, name = "username", required = true, description = "The user")
    String username;

    @Option(name = "-r", aliases = "--revoke", description = "No longer an operator")
    boolean revoke;

    @Override
    public Object execute() {
        staff.setServerOperator(Operator.viewer(), username, !revoke);
        System.out.println(username + (revoke ? " is no longer a server operator" : " is a server operator"));
        return null;
    }
}

package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.sightline.core.StaffAdmin;

/** Sets a portal user's password (and unlocks the user). */
@Service
@Command(scope = "sightline", name = "user-password", description = "Set a portal user's password; asks for it")
public class UserPasswordCommand implements Action {

    @Reference
    StaffAdmin staff;

    @Reference
    Session session;

    @Argument(index = 0, name = "username", required = true, description = "The user")
    String username;

    @Option(name = "--password", description = "The password (default: asked for, not echoed)")
    String password;

    @Override
    public Object execute() throws Exception {
        String p = password != null ? password : session.readLine("New password: ", '*');
        staff.setPasswordAsOperator(Operator.viewer(), username, p == null ? new char[0] : p.toCharArray());
        System.out.println("Password of " + username + " set");
        return null;
    }
}

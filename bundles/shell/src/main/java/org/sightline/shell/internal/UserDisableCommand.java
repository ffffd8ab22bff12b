package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffUser;

/** Disables a portal user: their sessions end and the API tokens they created are revoked, at once. */
@Service
@Command(scope = "sightline", name = "user-disable",
        description = "Disable a portal user: sessions end, their API tokens are revoked, their credentials stop working at once")
public class UserDisableCommand implements Action {

    @Reference
    StaffAdmin staff;

    @Argument(index = 0, name = "username", required = true, description = "The user")
    String username;

    @Override
    public Object execute() {
        StaffUser u = staff.setEnabledAsOperator(Operator.viewer(), username, false);
        System.out.println(u.username() + " is disabled; their sessions ended and their API tokens are revoked");
        return null;
    }

    /** The shell user, for the audit log. */
    static String operator() {
        String who = ShellUtil.getCurrentUserName();
        return "shell:" + (who == null ? "console" : who);
    }
}

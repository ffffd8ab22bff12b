package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sightline.core.Provisioning;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffUser;

/** Creates a portal user (partner staff). */
@Service
@Command(scope = "sightline", name = "user-add", description = "Create a portal user (partner staff) with a role; asks for the password")
public class UserAddCommand implements Action {

    @Reference
    StaffAdmin staff;

    @Reference
    Provisioning provisioning;

    @Reference
    Session session;

    @Argument(index = 0, name = "username", required = true, description = "Sign-in name: lower case letters, digits, . _ @ -")
    String username;

    @Argument(index = 1, name = "role", required = true, description = "admin, engineer or viewer")
    @Completion(value = StringsCompleter.class, values = {"admin", "engineer", "viewer"})
    String role;

    @Option(name = "-d", aliases = "--display-name", description = "Name shown to other staff (default: the username)")
    String displayName;

    @Option(name = "-p", aliases = "--partner", description = "Partner id (default: the first partner)")
    Long partner;

    @Option(name = "--external", description = "No portal password: an external realm (LDAP) checks it")
    boolean external;

    @Option(name = "--password", description = "The password (default: asked for, not echoed)")
    String password;

    @Option(name = "--operator", description = "Also a server operator: widget health and the admin page, across partners")
    boolean operator;

    @Override
    public Object execute() throws Exception {
        long partnerId = partner != null ? partner
                : provisioning.defaultPartner(Operator.viewer()).orElseThrow(() -> new IllegalStateException("no partner exists yet"));
        char[] pw = null;
        if (!external) {
            String p = password != null ? password : session.readLine("Password: ", '*');
            pw = p == null ? null : p.toCharArray();
        }
        StaffUser u = staff.createAsOperator(Operator.viewer(), partnerId, username,
                displayName == null ? username : displayName, role, pw, operator);
        System.out.println("Created " + u.role() + (operator ? " and operator " : " ") + u.username() + " of partner "
                + u.partnerName() + " (" + u.partnerId() + ")");
        return null;
    }
}

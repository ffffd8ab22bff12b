package org.sightline.shell.internal;

import java.util.Set;

import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.Roles;

/** The shell user as the core's services see it: a server operator, audited by name ({@code shell:<user>}). */
final class Operator {
    private Operator() {
    }

    /** The operator running the command. */
    static Viewer viewer() {
        return new Viewer(UserDisableCommand.operator(), -1, Set.of(Roles.OPERATOR), Set.of(Permissions.ADMIN));
    }
}

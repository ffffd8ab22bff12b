package org.sightline.web.internal.auth;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;

/**
 * A JAAS login module backed by the portal's users table: the password is checked against its bcrypt hash;
 * on success the subject gets a {@link UserPrincipal} and one {@link RolePrincipal} with the portal role.
 */
public class PortalLoginModule implements LoginModule {
    /** The option that carries the {@link StaffDirectory}. */
    static final String STAFF_OPTION = "sightline.staff";
    /**
     * The option that makes the module step aside (return {@code false}) for a user the portal holds no password
     * for, so that in a chain behind another module (LDAP) that module's failure is the one reported.
     */
    static final String CHAINED_OPTION = "sightline.chained";
    private Subject subject;
    private CallbackHandler handler;
    private StaffDirectory staff;
    private StaffUser user;
    private boolean chained;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.staff = (StaffDirectory) options.get(STAFF_OPTION);
        this.chained = Boolean.parseBoolean(String.valueOf(options.get(CHAINED_OPTION)));
    }

    @Override
    public boolean login() throws LoginException {
        if (staff == null) {
            throw new LoginException("the sightline realm is not ready");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        char[] pw = password.getPassword();
        try {
            Optional<StaffUser> u = staff.checkPassword(name.getName(), pw);
            if (u.isEmpty()) {
                if (chained && !staff.find(name.getName()).map(StaffUser::localPassword).orElse(false)) {
                    return false;
                }
                throw new FailedLoginException("wrong username or password");
            }
            user = u.get();
            return true;
        } finally {
            if (pw != null) {
                Arrays.fill(pw, '\0');
            }
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user.username()));
        principals.add(new RolePrincipal(user.role()));
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        user = null;
        return true;
    }
}

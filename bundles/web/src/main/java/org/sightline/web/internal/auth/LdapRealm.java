package org.sightline.web.internal.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.core.StaffDirectory;

/**
 * The Karaf JAAS realm {@value #NAME}, made from {@code etc/org.sightline.ldap.cfg} alone (no blueprint, no
 * extra feature): {@link LdapLoginModule} checks the password in the directory, with connect and read
 * timeouts; then, unless {@code portal.fallback = false}, the portal's own {@link PortalLoginModule} signs
 * in the users the portal holds a password for (the portal {@code admin} among them), so switching
 * {@code auth.realm} to LDAP locks nobody out. The directory is {@code SUFFICIENT}, the portal {@code REQUIRED}
 * after it: a portal user's wrong password is reported as such (and counted) even while the directory is
 * down, and the portal module steps aside for a user it holds no password for, so that for those the
 * directory's answer (refused, or unavailable) is the one reported.
 *
 * <p>The realm is registered by hand, with only its name as a service property: the configuration (the
 * service account's password among it) is not republished as service properties.
 */
@Component(configurationPid = LdapRealm.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LdapRealm.Config.class)
public class LdapRealm implements JaasRealm {
    /** The realm's name: set {@code auth.realm} in {@code etc/org.sightline.web.cfg} to it. */
    public static final String NAME = "sightline-ldap";
    static final String PID = "org.sightline.ldap";

    @ObjectClassDefinition(name = "Sightline LDAP sign-in", description = "The JAAS realm sightline-ldap: "
            + "passwords checked by an LDAP directory (option names as in Karaf's LDAPLoginModule)")
    public @interface Config {
        @AttributeDefinition(name = "Directory URL", description = "ldap://host:389 or ldaps://host:636")
        String connection_url();

        @AttributeDefinition(name = "Service account DN", description = "The DN that searches for users; empty: anonymous search", required = false)
        String connection_username() default "";

        @AttributeDefinition(name = "Service account password", type = AttributeType.PASSWORD, required = false)
        String connection_password() default "";

        @AttributeDefinition(name = "User base DN", description = "Where users are searched, such as ou=people,dc=example,dc=com")
        String user_base_dn();

        @AttributeDefinition(name = "User filter", description = "The filter that finds a user; %u is the username (escaped)")
        String user_filter() default "(uid=%u)";

        @AttributeDefinition(name = "Search the subtree", description = "false: only the base DN's direct children")
        boolean user_search_subtree() default true;

        @AttributeDefinition(name = "Bind authentication", description = "The JNDI authentication mechanism of the binds")
        String authentication() default "simple";

        @AttributeDefinition(name = "Connect timeout (ms)", description = "How long to wait for a connection to the directory")
        int connect_timeout_ms() default 3000;

        @AttributeDefinition(name = "Read timeout (ms)", description = "How long to wait for each answer of the directory; "
                + "beyond it the sign-in is answered 503 (the directory is unavailable) and not counted as a failure")
        int read_timeout_ms() default 5000;

        @AttributeDefinition(name = "Portal users too", description = "Also sign in the users the portal holds a "
                + "password for (the portal admin), when the directory does not accept them")
        boolean portal_fallback() default true;
    }

    private final AppConfigurationEntry[] entries;
    private final ServiceRegistration<JaasRealm> registration;

    @Activate
    public LdapRealm(@Reference StaffDirectory staff, BundleContext context, Config config, Map<String, Object> properties) {
        String bundle = Long.toString(context.getBundle().getBundleId());
        List<AppConfigurationEntry> list = new ArrayList<>();
        list.add(new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                config.portal_fallback() ? LoginModuleControlFlag.SUFFICIENT : LoginModuleControlFlag.REQUIRED,
                ldapOptions(config, properties, bundle)));
        if (config.portal_fallback()) {
            Map<String, Object> portal = new HashMap<>();
            portal.put(ProxyLoginModule.PROPERTY_MODULE, PortalLoginModule.class.getName());
            portal.put(ProxyLoginModule.PROPERTY_BUNDLE, bundle);
            portal.put(PortalLoginModule.STAFF_OPTION, staff);
            portal.put(PortalLoginModule.CHAINED_OPTION, "true");
            list.add(new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, portal));
        }
        this.entries = list.toArray(new AppConfigurationEntry[0]);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("org.sightline.realm", NAME);
        this.registration = context.registerService(JaasRealm.class, this, props);
    }

    /** The LDAP module's options: the configuration, with the timeouts as JNDI environment entries. */
    static Map<String, Object> ldapOptions(Config config, Map<String, Object> properties, String bundle) {
        Map<String, Object> o = new HashMap<>();
        o.put(ProxyLoginModule.PROPERTY_MODULE, LdapLoginModule.class.getName());
        o.put(ProxyLoginModule.PROPERTY_BUNDLE, bundle);
        o.put(LdapLoginModule.CONNECTION_URL, config.connection_url());
        o.put(LdapLoginModule.CONNECTION_USERNAME, config.connection_username());
        o.put(LdapLoginModule.CONNECTION_PASSWORD, config.connection_password());
        o.put(LdapLoginModule.USER_BASE_DN, config.user_base_dn());
        o.put(LdapLoginModule.USER_FILTER, config.user_filter());
        o.put(LdapLoginModule.USER_SEARCH_SUBTREE, Boolean.toString(config.user_search_subtree()));
        o.put(LdapLoginModule.AUTHENTICATION, config.authentication());
        o.put(LdapLoginModule.CONTEXT_PREFIX + "com.sun.jndi.ldap.connect.timeout", Integer.toString(Math.max(1, config.connect_timeout_ms())));
        o.put(LdapLoginModule.CONTEXT_PREFIX + LdapLoginModule.READ_TIMEOUT, Integer.toString(Math.max(1, config.read_timeout_ms())));
        // Any other JNDI setting, as Karaf's LDAPLoginModule takes it (context.<jndi key>).
        properties.forEach((k, v) -> {
            if (k.startsWith(LdapLoginModule.CONTEXT_PREFIX) && v != null) {
                o.put(k, v.toString());
            }
        });
        return o;
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}

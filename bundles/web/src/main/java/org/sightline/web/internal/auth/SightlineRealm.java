package org.sightline.web.internal.auth;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.StaffDirectory;

/**
 * The Karaf JAAS realm {@code sightline}: one {@link PortalLoginModule} that checks passwords against the
 * portal's own users. Karaf's JAAS configuration picks up every {@link JaasRealm} service, exactly as it
 * does for its own {@code karaf} realm; the module is loaded through {@link ProxyLoginModule} from this
 * bundle. For LDAP, operators configure {@link LdapRealm} and set {@code auth.realm} in
 * {@code etc/org.sightline.web.cfg} to its name (or to any other JAAS realm they deploy).
 */
@Component(service = JaasRealm.class)
public class SightlineRealm implements JaasRealm {
    /** The realm's name. */
    public static final String NAME = "sightline";
    private final AppConfigurationEntry[] entries;

    @Activate
    public SightlineRealm(@Reference StaffDirectory staff, BundleContext context) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, PortalLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(PortalLoginModule.STAFF_OPTION, staff);
        this.entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
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

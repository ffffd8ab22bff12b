package org.sightline.itest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

/**
 * The directories {@link LdapIT} signs in against, started in the test driver's JVM (not in the container,
 * which connects to them over loopback): a real LDAP server (UnboundID's in-memory directory) with users
 * under {@value #PEOPLE}, each with the password {@code <uid>-ldap-pw}; and a port that accepts connections
 * and never answers. They live as long as the driver JVM.
 */
final class LdapDirectory {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static InMemoryDirectoryServer server;
    private static ServerSocket silent;
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    private LdapDirectory() {
    }

    /** The LDAP server's port, started on first use. */
    static synchronized int port() {
        if (server == null) {
            try {
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
                config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
                server = new InMemoryDirectoryServer(config);
                server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
                server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
                for (String uid : List.of("lara", "wendy", "sam", "stranger")) {
                    server.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person",
                            "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                            "sn: " + uid, "userPassword: " + uid + "-ldap-pw");
                }
                server.startListening();
            } catch (LDAPException | LDIFException e) {
                throw new IllegalStateException(e);
            }
        }
        return server.getListenPort();
    }

    /** A port that accepts connections and never says a word, started on first use. */
    static synchronized int silentPort() {
        if (silent == null) {
            try {
                silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread t = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        HELD.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-directory");
            t.setDaemon(true);
            t.start();
        }
        return silent.getLocalPort();
    }
}

package org.sightline.itest;

import java.io.IOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The SMTP server {@link MailIT} sends through: GreenMail, started in the test driver's JVM (not in the container,
 * which connects to it over loopback). It lives as long as the driver JVM.
 */
final class MailServer {
    private static GreenMail server;
    private static int port;

    private MailServer() {
    }

    /** The SMTP port, started on first use. */
    static synchronized int port() {
        if (server == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return port;
    }
}

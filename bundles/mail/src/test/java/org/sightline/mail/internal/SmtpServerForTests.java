package org.sightline.mail.internal;

import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a loopback port that, like a server that knows its mailboxes, refuses every
 * recipient at {@value #NO_SUCH_DOMAIN} with {@code 550 5.1.1}.
 */
final class SmtpServerForTests extends GreenMail {
    static final String NO_SUCH_DOMAIN = "nobody.example";

    SmtpServerForTests(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /**
     * Waits until at least {@code count} messages arrived (GreenMail's own wait listens to the manager this
     * server replaces).
     */
    @Override
    public boolean waitForIncomingEmail(long timeoutMillis, int count) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (getReceivedMessages().length < count) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Managers refusing = new Managers() {
            private final SmtpManager smtp = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress address) {
                    return address.getHost().equalsIgnoreCase(NO_SUCH_DOMAIN)
                            ? "550 5.1.1 <" + address.getEmail() + ">: mailbox unavailable" : null;
                }
            };

            @Override
            public SmtpManager getSmtpManager() {
                return smtp;
            }

            @Override
            public com.icegreen.greenmail.user.UserManager getUserManager() {
                return managers.getUserManager();
            }

            @Override
            public com.icegreen.greenmail.imap.ImapHostManager getImapHostManager() {
                return managers.getImapHostManager();
            }
        };
        Map<String, AbstractServer> out = new HashMap<>();
        out.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(setups[0], refusing));
        return out;
    }
}

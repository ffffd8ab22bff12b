package org.sightline.mail.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.core.MailTransport;
import org.sightline.core.OutgoingMail;

/** The SMTP transport's settings against a real SMTP server (GreenMail, which offers no STARTTLS). */
public class SmtpTransportTest {
    private static final OutgoingMail MAIL = new OutgoingMail(1, "jane@customer.example", "Your report",
            "Open https://portal.example/r/1", "report.link", null);
    private int port;
    private SmtpServerForTests smtp;

    @Before
    public void setUp() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new SmtpServerForTests(port);
        smtp.start();
    }

    @After
    public void tearDown() {
        smtp.stop();
    }

    private SmtpTransport transport(String starttls) throws Exception {
        return new SmtpTransport(Configs.of(SmtpConfig.class, Map.of("port", port, "starttls", starttls,
                "connect_timeout_ms", 2000, "read_timeout_ms", 5000)));
    }

    @Test
    public void withStarttlsRequiredNothingIsSentInClearToAServerWithoutIt() throws Exception {
        MailTransport.TemporaryFailure f = assertThrows(MailTransport.TemporaryFailure.class,
                () -> transport("required").send("<a@sightline.outbox>", MAIL));
        assertTrue(f.getMessage(), f.getMessage().contains("STARTTLS"));
        assertTrue(f.serverUnavailable());
        assertEquals(0, smtp.getReceivedMessages().length);
        transport("optional").send("<b@sightline.outbox>", MAIL); // upgrades only when offered
        transport("off").send("<c@sightline.outbox>", MAIL);
        assertEquals(2, smtp.getReceivedMessages().length);
        assertEquals("<b@sightline.outbox>", smtp.getReceivedMessages()[0].getMessageID());
    }

    @Test
    public void aServerThatIsDownIsATemporaryFailureAndA550APermanentOne() throws Exception {
        SmtpTransport t = transport("optional");
        MailTransport.PermanentFailure refused = assertThrows(MailTransport.PermanentFailure.class, () -> t.send("<d@sightline.outbox>",
                new OutgoingMail(1, "gone@" + SmtpServerForTests.NO_SUCH_DOMAIN, "Report", "body text", "report.link", null)));
        assertEquals("recipient refused: 550 5.1.1 <gone@nobody.example>: mailbox unavailable", refused.getMessage());
        smtp.stop();
        MailTransport.TemporaryFailure down = assertThrows(MailTransport.TemporaryFailure.class, () -> t.send("<e@sightline.outbox>", MAIL));
        assertEquals("connection refused: the mail server is down or unreachable", down.getMessage());
        assertTrue(down.serverUnavailable());
    }

    @Test
    public void anUnknownStarttlsSettingIsRefusedAtActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> transport("maybe"));
        assertEquals("starttls in etc/org.sightline.mail.cfg is 'required', 'optional' or 'off', not 'maybe'", e.getMessage());
    }
}

package org.sightline.mail.internal;

import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.sightline.core.MailTransport;
import org.sightline.core.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * The outbox's {@link MailTransport} over SMTP (Jakarta Mail, Eclipse Angus), one connection per message. The
 * server's replies decide what the relay does: a 4xx reply, a refused or timed-out connection or a failed
 * authentication is temporary (retried with back-off; without any reply, or with 421, the server counts as
 * unavailable, see {@link TemporaryFailure#serverUnavailable()}); a 5xx reply to the sender, the recipient or the data is
 * permanent (kept as the message's reason). Reasons carry the server's reply, never the message body.
 * <p>
 * The message is plain text in UTF-8, built from bytes (no activation content handlers are needed), and carries
 * the outbox's Message-ID unchanged on every attempt.
 */
@Component(service = MailTransport.class, configurationPid = "org.sightline.mail",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SmtpConfig.class)
public class SmtpTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
    private final SmtpConfig config;
    private final Session session;
    private final InternetAddress from;

    @Activate
    public SmtpTransport(SmtpConfig config) throws AddressException, UnsupportedEncodingException {
        this.config = config;
        String starttls = config.starttls().trim().toLowerCase(Locale.ROOT);
        if (!starttls.equals("required") && !starttls.equals("optional") && !starttls.equals("off")) {
            throw new IllegalArgumentException("starttls in etc/org.sightline.mail.cfg is 'required', 'optional' or 'off', not '"
                    + config.starttls() + "'");
        }
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", config.host());
        p.setProperty("mail.smtp.port", Integer.toString(config.port()));
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(config.connect_timeout_ms()));
        p.setProperty("mail.smtp.timeout", Integer.toString(config.read_timeout_ms()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(config.write_timeout_ms()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(!starttls.equals("off")));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls.equals("required")));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
        // report every refused recipient, and send to none if one is refused (there is one)
        p.setProperty("mail.smtp.reportsuccess", "false");
        p.setProperty("mail.smtp.sendpartial", "false");
        InternetAddress f = new InternetAddress(config.from(), true);
        if (!config.from_name().isBlank()) {
            f.setPersonal(config.from_name(), StandardCharsets.UTF_8.name());
        }
        this.from = f;
        p.setProperty("mail.smtp.from", f.getAddress());
        this.session = Session.getInstance(p);
        LOG.info("Mail goes through {}:{} (STARTTLS {}, {})", config.host(), config.port(), starttls,
                config.username().isEmpty() ? "no authentication" : "as " + config.username());
    }

    @Override
    public void send(String messageId, OutgoingMail mail) throws TemporaryFailure, PermanentFailure {
        MimeMessage message;
        InternetAddress to;
        try {
            to = new InternetAddress(mail.to(), true);
            message = new FixedIdMessage(session, messageId);
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.text().getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=UTF-8")));
            message.setHeader("Content-Type", "text/plain; charset=UTF-8");
            message.saveChanges();
        } catch (MessagingException e) {
            throw new PermanentFailure("the message could not be built: " + reason(e), e);
        }
        SMTPTransport transport = new SMTPTransport(session, new URLName("smtp", config.host(), config.port(), null,
                config.username().isEmpty() ? null : config.username(), config.password().isEmpty() ? null : config.password()));
        try {
            if (config.username().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            }
            transport.sendMessage(message, new Address[] {to});
        } catch (MessagingException e) {
            int code = code(e);
            if (code >= 500 && code < 600) {
                throw new PermanentFailure(reason(e), e);
            }
            throw new TemporaryFailure(reason(e), e, code == 0 || code == 421);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection failed", e);
            }
        }
    }

    /** The server's reply code in the failure, or 0 when there was no reply (connection failures). */
    private static int code(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    /** The server's reply, or what went wrong on the way to it, on one line; never the body. */
    static String reason(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return "authentication failed:" + line(e.getMessage());
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 20; ) {
            chain.add(t);
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException a) {
                return "recipient refused:" + line(a.getMessage());
            }
            if (t instanceof SMTPSenderFailedException s) {
                return "sender refused:" + line(s.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException s) {
                return "message refused:" + line(s.getMessage());
            }
            if (t instanceof ConnectException) {
                return "connection refused: the mail server is down or unreachable";
            }
            if (t instanceof SocketTimeoutException) {
                return "the mail server did not answer in time";
            }
            if (t instanceof UnknownHostException) {
                return "unknown mail server host:" + line(t.getMessage());
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed:" + line(t.getMessage());
            }
        }
        String m = line(e.getMessage());
        return m.isEmpty() ? e.getClass().getSimpleName() : m.strip();
    }

    private static String line(String s) {
        return s == null ? "" : " " + s.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** A message whose Message-ID header is the outbox's, not a new one per attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}

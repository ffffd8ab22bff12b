package org.sightline.mail.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.sightline.api.Viewer;
import org.sightline.core.ConflictException;
import org.sightline.core.ForbiddenException;
import org.sightline.core.MailQueue;
import org.sightline.core.MailTransport;
import org.sightline.core.NotFoundException;
import org.sightline.core.Outbox;
import org.sightline.core.OutgoingMail;
import org.sightline.core.QueuedMail;
import org.sightline.core.Roles;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.mail.MailQueueImpl;
import org.sightline.core.internal.mail.MailRelay;
import org.sightline.core.internal.mail.OutboxImpl;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.storage.Transactions;

/**
 * The core's outbox and relay sending through {@link SmtpTransport} to a real SMTP server (GreenMail) started in
 * the test, on H2 (and PostgreSQL when {@code SIGHTLINE_TEST_PG_URL} is set).
 */
@RunWith(Parameterized.class)
public class OutboxDeliveryTest {
    private static final long PARTNER = 1;
    private static final long OTHER_PARTNER = 2;
    private static final Viewer PARTNER_ADMIN = new Viewer("ann", PARTNER, Set.of(Roles.ADMIN),
            Roles.permissions(Roles.ADMIN, false, false));
    private static final Viewer ENGINEER = new Viewer("eve", PARTNER, Set.of(Roles.ENGINEER),
            Roles.permissions(Roles.ENGINEER, false, false));
    /** A server operator whose own partner is another one. */
    private static final Viewer OPERATOR = new Viewer("op", OTHER_PARTNER, Set.of(Roles.VIEWER, Roles.OPERATOR),
            Roles.permissions(Roles.VIEWER, false, true));

    private final String kind;
    private MailDb db;
    private CoreStorage storage;
    private Transactions transactions;
    private int port;
    private SmtpServerForTests smtp;
    private SmtpTransport transport;
    private final List<MailRelay> relays = new ArrayList<>();

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return MailDb.kinds();
    }

    public OutboxDeliveryTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new MailDb(kind);
        storage = mock(CoreStorage.class);
        when(storage.dataSource()).thenReturn(db.dataSource());
        transactions = new Transactions(db.dataSource());
        port = freePort();
        smtp = new SmtpServerForTests(port);
        smtp.start();
        transport = new SmtpTransport(Configs.of(SmtpConfig.class, Map.of("port", port, "from", "portal@sightline.example",
                "connect_timeout_ms", 2000, "read_timeout_ms", 5000, "write_timeout_ms", 5000)));
    }

    @After
    public void tearDown() throws Exception {
        for (MailRelay r : relays) {
            r.stop();
        }
        smtp.stop();
        db.close();
    }

    private MailRelay relay(MailTransport t) {
        MailRelay r = new MailRelay(storage, Configs.of(MailRelay.Config.class, Map.of("poll_ms", 200L,
                "retry_base_ms", 300L, "retry_max_ms", 1000L, "max_attempts", 30, "lease_ms", 2000L)));
        relays.add(r);
        if (t != null) {
            r.bindTransport(t);
        }
        return r;
    }

    private long enqueue(Outbox outbox, String to, String subject) throws Exception {
        return transactions.inTransaction((c, tx) -> outbox.enqueue(tx, new OutgoingMail(PARTNER, to, subject,
                "Open https://portal.example/r/abc to see the report.", "report.link", "delivery-1")));
    }

    private List<QueuedMail> outbox(String status) {
        return Jdbc.list(db.dataSource(), "SELECT id, partner_id, recipient, kind, reference, status, attempts, "
                + "created_at, next_attempt_at, sent_at, last_error FROM mail_outbox"
                + (status == null ? "" : " WHERE status = '" + status + "'") + " ORDER BY id", List.of(),
                rs -> new QueuedMail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), Jdbc.instant(rs, 8), Jdbc.instant(rs, 9), Jdbc.instant(rs, 10),
                        rs.getString(11)));
    }

    private static Set<String> subjects(MimeMessage[] messages) throws MessagingException {
        Set<String> out = new TreeSet<>();
        for (MimeMessage m : messages) {
            assertTrue("each subject once: " + m.getSubject(), out.add(m.getSubject()));
        }
        return out;
    }

    private static void await(String what, long millis, Check check) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }

    @Test
    public void aMessageOfARolledBackTransactionIsNeverSentAndACommittedOneArrivesOnceWithItsMessageId() throws Exception {
        Outbox outbox = new OutboxImpl(relay(transport));
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction((c, tx) -> {
            outbox.enqueue(tx, new OutgoingMail(PARTNER, "rolled.back@customer.example", "Never", "x", "report.link", null));
            throw new IllegalStateException("the report could not be generated");
        }));
        long committedAt = System.nanoTime();
        long id = enqueue(outbox, "jane.doe@customer.example", "Your report");
        assertTrue(smtp.waitForIncomingEmail(3000, 1));
        long millis = (System.nanoTime() - committedAt) / 1_000_000;
        assertTrue("delivered " + millis + " ms after commit", millis < 2000);
        Thread.sleep(1000); // nothing else comes
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("Your report", got[0].getSubject());
        assertEquals("jane.doe@customer.example", got[0].getAllRecipients()[0].toString());
        assertEquals("Sightline <portal@sightline.example>", got[0].getFrom()[0].toString());
        assertEquals(Jdbc.one(db.dataSource(), "SELECT message_id FROM mail_outbox WHERE id = ?", List.of(id),
                rs -> rs.getString(1)).orElseThrow(), got[0].getMessageID());
        assertTrue(((String) got[0].getContent()).contains("https://portal.example/r/abc"));
        List<QueuedMail> rows = outbox(null);
        assertEquals(1, rows.size());
        assertEquals(QueuedMail.SENT, rows.get(0).status());
        assertEquals(1, rows.get(0).attempts());
    }

    @Test
    public void anOutageInTheMiddleOfABatchDeliversEveryMessageExactlyOnceWhenTheServerIsBack() throws Exception {
        // the server goes down right after accepting the third message
        List<String> beforeOutage = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        MailTransport stopsAfterThree = (messageId, mail) -> {
            transport.send(messageId, mail);
            if (sent.incrementAndGet() == 3) {
                try {
                    beforeOutage.addAll(subjects(smtp.getReceivedMessages()));
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
                smtp.stop();
            }
        };
        MailRelay relay = relay(null);
        Outbox outbox = new OutboxImpl(relay);
        transactions.inTransaction((c, tx) -> {
            for (int i = 1; i <= 10; i++) {
                outbox.enqueue(tx, new OutgoingMail(PARTNER, "user" + i + "@customer.example", "Report " + i, "link " + i,
                        "report.link", null));
            }
            return null;
        });
        relay.bindTransport(stopsAfterThree);
        await("the server to go down after three messages", 5000, () -> beforeOutage.size() == 3);
        // while it is down, the fourth message is tried again and again, further apart each time; the others wait
        // behind it without an attempt of their own
        await("retries recorded", 5000, () -> outbox(QueuedMail.PENDING).stream().anyMatch(m -> m.attempts() >= 3));
        List<QueuedMail> waiting = outbox(QueuedMail.PENDING);
        assertEquals(7, waiting.size());
        QueuedMail retried = waiting.get(0);
        assertTrue("attempts " + retried.attempts(), retried.attempts() >= 3);
        assertTrue(retried.lastError(), retried.lastError().startsWith("connection refused"));
        for (QueuedMail m : waiting.subList(1, waiting.size())) {
            assertEquals(0, m.attempts());
            assertFalse(m.nextAttemptAt().isBefore(retried.nextAttemptAt()));
        }

        smtp = new SmtpServerForTests(port);
        smtp.start();
        assertTrue(smtp.waitForIncomingEmail(5000, 7));
        Thread.sleep(1000); // nothing else comes
        Set<String> all = new TreeSet<>(beforeOutage);
        Set<String> after = subjects(smtp.getReceivedMessages());
        assertEquals(7, after.size());
        for (String s : after) {
            assertTrue("sent twice: " + s, all.add(s));
        }
        assertEquals(10, all.size());
        assertEquals(10, outbox(QueuedMail.SENT).size());
        List<QueuedMail> sentRows = outbox(QueuedMail.SENT);
        assertTrue(sentRows.get(3).attempts() >= 3);
        assertEquals(List.of(1, 1, 1), sentRows.subList(0, 3).stream().map(QueuedMail::attempts).toList());
        assertEquals(List.of(1, 1, 1, 1, 1, 1), sentRows.subList(4, 10).stream().map(QueuedMail::attempts).toList());
    }

    @Test
    public void aRefusedRecipientIsFailedWithTheServersReasonAndAdminsSeeIt() throws Exception {
        MailRelay relay = relay(transport);
        Outbox outbox = new OutboxImpl(relay);
        MailQueue queue = new MailQueueImpl(storage, AuditLogImpl.on(db.dataSource()), relay);
        long refused = enqueue(outbox, "gone@" + SmtpServerForTests.NO_SUCH_DOMAIN, "Report for you");
        long delivered = enqueue(outbox, "jane.doe@customer.example", "Report for Jane");
        await("both handled", 3000, () -> outbox(QueuedMail.PENDING).isEmpty() && outbox(QueuedMail.SENDING).isEmpty());
        assertEquals(1, smtp.getReceivedMessages().length);

        List<QueuedMail> failed = queue.list(PARTNER_ADMIN, QueuedMail.FAILED, 50);
        assertEquals(1, failed.size());
        QueuedMail f = failed.get(0);
        assertEquals(refused, f.id());
        assertEquals("gone@nobody.example", f.to());
        assertEquals(1, f.attempts());
        assertNull(f.nextAttemptAt());
        assertTrue(f.lastError(), f.lastError().startsWith("recipient refused: 550 5.1.1"));
        assertFalse(f.lastError(), f.lastError().contains("Report") || f.lastError().contains("link"));
        assertEquals(List.of(delivered, refused), queue.list(PARTNER_ADMIN, null, 50).stream().map(QueuedMail::id).toList());

        // a server operator of another partner sees it with the address masked, also in the server's reply
        QueuedMail seen = queue.list(OPERATOR, QueuedMail.FAILED, 50).get(0);
        assertEquals("g…@nobody.example", seen.to());
        assertFalse(seen.lastError(), seen.lastError().contains("gone@"));
        // an engineer does not see the outbox; another partner's admin does not see this partner's mail
        assertThrows(ForbiddenException.class, () -> queue.list(ENGINEER, null, 50));
        Viewer otherAdmin = new Viewer("bob", OTHER_PARTNER, Set.of(Roles.ADMIN), Roles.permissions(Roles.ADMIN, false, false));
        assertEquals(List.of(), queue.list(otherAdmin, null, 50));
        assertThrows(NotFoundException.class, () -> queue.retry(otherAdmin, refused));
        assertThrows(ConflictException.class, () -> queue.retry(PARTNER_ADMIN, delivered));
        assertThrows(org.sightline.core.InvalidParameterException.class, () -> queue.list(PARTNER_ADMIN, "bounced", 50));

        // retried, it is refused again, with its attempts counted afresh
        QueuedMail again = queue.retry(PARTNER_ADMIN, refused);
        // the relay may have claimed it already
        assertTrue(again.status(), List.of(QueuedMail.PENDING, QueuedMail.SENDING).contains(again.status()));
        await("refused again", 3000, () -> queue.list(PARTNER_ADMIN, QueuedMail.FAILED, 50).size() == 1
                && queue.list(PARTNER_ADMIN, QueuedMail.PENDING, 50).isEmpty());
        assertEquals(1, queue.list(PARTNER_ADMIN, QueuedMail.FAILED, 50).get(0).attempts());
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    public void aNewRelayOnTheSameDatabaseSendsWhatTheOldOneLeftExactlyOnce() throws Exception {
        MailRelay first = relay(null); // no transport yet: messages wait
        Outbox outbox = new OutboxImpl(first);
        for (int i = 1; i <= 5; i++) {
            enqueue(outbox, "user" + i + "@customer.example", "Waiting " + i);
        }
        // one more was claimed by a relay that died while sending it (the server may have accepted it)
        long crashed = enqueue(outbox, "user6@customer.example", "Claimed when the relay died");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE mail_outbox SET status = 'sending', attempts = 1, claimed_until = next_attempt_at "
                    + "WHERE id = " + crashed);
        }
        Thread.sleep(500);
        assertEquals(0, smtp.getReceivedMessages().length);
        first.stop();

        relay(transport); // the server starts again: a new relay on the same database
        assertTrue(smtp.waitForIncomingEmail(5000, 6));
        Thread.sleep(1000);
        Set<String> got = subjects(smtp.getReceivedMessages());
        assertEquals(6, got.size());
        assertTrue(got.contains("Claimed when the relay died"));
        assertEquals(6, outbox(QueuedMail.SENT).size());
        assertEquals(2, outbox(QueuedMail.SENT).stream().filter(m -> m.id() == crashed).findFirst().orElseThrow().attempts());
    }

    @Test
    public void anAddressThatIsNoAddressOrAWriteOutsideATransactionIsRefused() throws Exception {
        Outbox outbox = new OutboxImpl(relay(transport));
        for (String bad : List.of("jane", "jane@", "@customer.example", "jane doe@customer.example", "jane@customer",
                "jane@customer.example\r\nBcc: all@customer.example", "<jane@customer.example>")) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> enqueue(outbox, bad, "Report"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("is not an e-mail address"));
        }
        assertThrows(IllegalArgumentException.class, () -> enqueue(outbox, "jane@customer.example", "Report\r\nBcc: x@y.example"));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(db.dataSource(),
                new OutgoingMail(PARTNER, "jane@customer.example", "Report", "x", "report.link", null)));
        assertEquals("mail is enqueued in the caller's transaction; this DataSource is not in one (enqueue inside "
                + "Transactions.inTransaction)", outside.getMessage());
        assertTrue(outbox(null).isEmpty());
    }

    @Test
    public void backOffDoublesUpToItsCap() {
        MailRelay r = relay(null);
        Map<Integer, Long> waits = new HashMap<>();
        for (int a = 1; a <= 5; a++) {
            waits.put(a, r.backoff(a));
        }
        assertEquals(Map.of(1, 300L, 2, 600L, 3, 1000L, 4, 1000L, 5, 1000L), waits);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}

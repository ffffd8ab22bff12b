package org.sightline.core.internal.mail;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.core.MailTransport;
import org.sightline.core.internal.storage.CoreStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's committed messages through the one {@link MailTransport}, on a single thread of its own,
 * started and stopped with the component (immediate: it starts with the core, so mail that a previous run left
 * pending goes out without waiting for a caller). It looks for due messages every {@code poll.ms} and soon after an
 * {@link OutboxImpl#enqueue} (the enqueuing transaction may not have committed yet; then the next poll finds it).
 * <p>
 * <b>One message at a time:</b> claim it ({@code sending}, with a claim that runs out after {@code lease.ms}
 * and one more attempt counted), send it, mark it {@code sent}. A temporary failure (server down, 4xx) puts it
 * back as {@code pending} after an exponential back-off ({@code retry.base.ms · 2^(attempts-1)}, at most
 * {@code retry.max.ms}) and ends this round; after {@code max.attempts} attempts it is {@code failed}. When the
 * transport says the server itself is unavailable (connection refused, timeout), the back-off counts the outage's
 * failed attempts instead, and every other waiting message is held back until the same time, so an outage costs
 * one attempt per back-off step (on the oldest message), not one per waiting message. A permanent failure (5xx, address refused) is {@code failed}
 * at once, with the server's reason.
 * <p>
 * <b>Never lost, sent twice only in one narrow case.</b> A message is written in its event's transaction, so it
 * exists if and only if the event committed; it leaves {@code pending}/{@code sending} only when the server
 * accepted it or refused it for good. If the server stops the relay (or the JVM dies) after the mail server
 * accepted a message and before {@code sent} is written, the claim runs out and the message is sent again: the
 * recipient may then get it twice, with the same Message-ID header (fixed at enqueue), which lets mail clients
 * and servers that de-duplicate by Message-ID drop the repeat. That window is the time of one database update.
 * A claim must outlast a send: keep {@code lease.ms} above the transport's connect + write timeouts.
 */
@Component(service = MailRelay.class, configurationPid = MailRelay.PID, immediate = true)
@Designate(ocd = MailRelay.Config.class)
public class MailRelay {
    /** The relay's configuration PID. */
    public static final String PID = "org.sightline.mail.relay";
    private static final Logger LOG = LoggerFactory.getLogger(MailRelay.class);

    @ObjectClassDefinition(name = "Sightline mail relay", description = "How the core's outbox sends and retries mail.")
    public @interface Config {
        @AttributeDefinition(description = "Look for due messages this often (milliseconds).")
        long poll_ms() default 1000;

        @AttributeDefinition(description = "First wait after a temporary failure (milliseconds); doubled each attempt.")
        long retry_base_ms() default 30_000;

        @AttributeDefinition(description = "Longest wait between two attempts (milliseconds).")
        long retry_max_ms() default 3_600_000;

        @AttributeDefinition(description = "Attempts before a message that keeps failing temporarily is marked failed.")
        int max_attempts() default 12;

        @AttributeDefinition(description = "How long a claim on a message being sent holds (milliseconds); must exceed "
                + "the SMTP connect + write timeouts. A message whose relay died while sending it is sent again after this.")
        long lease_ms() default 300_000;
    }

    private final MailStore store;
    private final Config config;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile MailTransport transport;
    /** Failed attempts in a row that found the mail server unavailable (relay thread only). */
    private int outages;

    @Activate
    public MailRelay(@Reference CoreStorage storage, Config config) {
        this.store = new MailStore(storage.dataSource());
        this.config = config;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sightline-mail-relay");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::round, config.poll_ms(), Math.max(10, config.poll_ms()),
                TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindTransport(MailTransport t) {
        this.transport = t;
        wake();
    }

    public void unbindTransport(MailTransport t) {
        if (this.transport == t) {
            this.transport = null;
        }
    }

    /** Looks for due messages soon (a message was just enqueued). */
    void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    woken.set(false);
                    round();
                }, 50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                woken.set(false);
            }
        }
    }

    /** Stops the thread, letting a send in progress finish (and be marked) for up to 30 seconds. */
    @Deactivate
    public void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    /** Sends every due message, one at a time, until none is due, the transport is gone or a send failed for now. */
    private void round() {
        try {
            while (!executor.isShutdown()) {
                MailTransport t = transport;
                if (t == null) {
                    return;
                }
                Optional<MailStore.Claimed> next = store.claimNext(Instant.now(), config.lease_ms());
                if (next.isEmpty() || !send(t, next.get())) {
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The mail relay could not read or update the outbox; it tries again in {} ms", config.poll_ms(), e);
        }
    }

    /** Sends one claimed message and records the outcome; whether to go on with the next. */
    private boolean send(MailTransport t, MailStore.Claimed m) throws SQLException {
        try {
            t.send(m.messageId(), m.mail());
            store.markSent(m.id(), Instant.now());
            if (outages > 0) {
                LOG.info("The mail server is back after {} failed attempt(s)", outages);
                outages = 0;
            }
            return true;
        } catch (MailTransport.PermanentFailure e) {
            LOG.warn("Mail {} ({}) was refused for good: {}", m.id(), m.mail().kind(), e.getMessage());
            store.markFailed(m.id(), e.getMessage());
            return true;
        } catch (MailTransport.TemporaryFailure | RuntimeException e) {
            boolean serverDown = e instanceof MailTransport.TemporaryFailure tf && tf.serverUnavailable();
            String reason = e instanceof MailTransport.TemporaryFailure ? e.getMessage()
                    : "the transport failed unexpectedly (" + e.getClass().getSimpleName() + ")";
            if (e instanceof RuntimeException) {
                LOG.error("The mail transport failed on mail {}", m.id(), e);
            }
            if (m.attempts() >= config.max_attempts()) {
                LOG.warn("Mail {} ({}) failed after {} attempts: {}", m.id(), m.mail().kind(), m.attempts(), reason);
                store.markFailed(m.id(), "gave up after " + m.attempts() + " attempts: " + reason);
                return true;
            }
            // a server that is down is tried again with this message first, the others held back behind it
            long wait = backoff(serverDown ? ++outages : m.attempts());
            Instant next = Instant.now().plusMillis(wait);
            if (serverDown) {
                store.deferPending(next);
                if (outages == 1) {
                    LOG.warn("The mail server is unavailable ({}); mail waits, next try at {}", reason, next);
                }
            }
            LOG.info("Mail {} not sent ({}); attempt {} of {} at {}", m.id(), reason, m.attempts() + 1, config.max_attempts(), next);
            store.markRetry(m.id(), next, reason);
            return false;
        }
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    public long backoff(int attempts) {
        long base = Math.max(1, config.retry_base_ms());
        int shift = Math.min(Math.max(0, attempts - 1), 40);
        long wait = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Math.min(wait, Math.max(base, config.retry_max_ms()));
    }
}

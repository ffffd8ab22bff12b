package org.sightline.family.support;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.core.Transactions;
import org.slf4j.Logger;

/**
 * Applies a family's pending rows: the second step of a family that journals cheap "pending" rows in the ingesting
 * transaction and folds them into its roll-ups later, in transactions of its own.
 * <p>
 * The family supplies the {@link Step} (take up to a batch of its pending rows, oldest first, locked, apply and delete
 * them in the given transaction); this class owns when it runs. With a {@link Background}, one daemon thread of its
 * own applies every second and {@link #KICK_DELAY_MS} after a {@link #kick()} (long enough for the journalling
 * transaction to commit and more batches to arrive), says once a minute at most that it fell behind or keeps failing,
 * and says when it recovers. Every apply, on that thread or a caller's ({@link #applyAll}), runs under one lock, one
 * transaction per step, until nothing is pending; {@link #applyAllIn} applies in the caller's transaction instead
 * (a customer's deletion, so that nothing pending recreates what it deletes).
 */
public final class PendingApplier implements AutoCloseable {
    /** How long the thread waits after a kick. */
    public static final long KICK_DELAY_MS = 50;
    /** How long {@link #close()} lets an apply in progress finish before it interrupts the thread. */
    public static final long STOP_SECONDS = 30;
    private static final long WARNING_INTERVAL_MS = 60_000;

    /** Applies some pending rows of a family. */
    @ConsumerType
    @FunctionalInterface
    public interface Step {
        /**
         * Applies up to a batch of pending rows, oldest first, in the given transaction: what they change and their
         * deletion commit together or not at all.
         *
         * @param transaction a {@code DataSource} bound to one transaction (see {@link Transactions})
         * @return how many rows were applied ({@link Applied#NONE} when none was pending) and how long the oldest
         *         of them had waited
         */
        Applied applySome(DataSource transaction) throws SQLException;
    }

    /**
     * What one step applied.
     *
     * @param rows         how many pending rows
     * @param waitedMillis how long the oldest of them had waited since it was journalled, in milliseconds
     */
    public record Applied(int rows, long waitedMillis) {
        /** Nothing was pending. */
        public static final Applied NONE = new Applied(0, 0);
    }

    /**
     * The applier's own thread and what it logs, in the family's words. The messages are SLF4J patterns: {@code
     * behind} gets the lag in seconds, {@code recovered} the failed attempts before, {@code failing} the failed
     * attempts so far and the failure's message (the exception is logged with it), {@code notStopped} the
     * {@link #STOP_SECONDS}.
     *
     * @param threadName       the thread's name, as operators see it in a thread dump
     * @param lagWarningMillis how far behind the journal the applier may fall before it says so
     * @param log              the family's logger
     * @param behind           warned when the oldest row applied in a run had waited longer than the lag warning
     * @param recovered        logged (info) when an apply succeeds after failures
     * @param failing          warned at the first failure and then once a minute while applies fail
     * @param notStopped       warned when an apply did not finish within {@link #STOP_SECONDS} of {@link #close()}
     */
    public record Background(String threadName, long lagWarningMillis, Logger log, String behind, String recovered,
                             String failing, String notStopped) {
    }

    private final Transactions transactions;
    private final Step step;
    private final Background background;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final ReentrantLock applying = new ReentrantLock();
    /** Failed background runs in a row and when a warning was last logged: the applier thread's own. */
    private int failures;
    private long lastWarning;
    /** How long the oldest row applied in the current background run had waited. */
    private volatile long lagMillis;

    /**
     * An applier without a thread: only {@link #applyAll} and {@link #applyAllIn} apply, when their callers say
     * (tests and benchmarks that want to say when).
     *
     * @param transactions the core's transactions, one per step
     * @param step         the family's step
     */
    public PendingApplier(Transactions transactions, Step step) {
        this.transactions = transactions;
        this.step = step;
        this.background = null;
        this.executor = null;
    }

    /**
     * An applier with a thread of its own, applying every second and shortly after each {@link #kick()} from now
     * until {@link #close()}.
     *
     * @param transactions the core's transactions, one per step
     * @param step         the family's step
     * @param background   the thread's name and what it logs
     */
    public PendingApplier(Transactions transactions, Step step, Background background) {
        this.transactions = transactions;
        this.step = step;
        this.background = background;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, background.threadName());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::applyQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Wakes the thread {@link #KICK_DELAY_MS} from now, once however many calls come meanwhile; called after a
     * pending row was journalled. Does nothing without a thread or once closing.
     */
    public void kick() {
        if (executor != null && kicked.compareAndSet(false, true)) {
            try {
                executor.schedule(this::applyQuietly, KICK_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                kicked.set(false); // closing
            }
        }
    }

    private void applyQuietly() {
        kicked.set(false);
        Logger log = background.log();
        try {
            lagMillis = 0;
            applyAll();
            if (lagMillis > background.lagWarningMillis()
                    && System.currentTimeMillis() - lastWarning > WARNING_INTERVAL_MS) {
                lastWarning = System.currentTimeMillis();
                log.warn(background.behind(), lagMillis / 1000);
            }
            if (failures > 0) {
                log.info(background.recovered(), failures);
                failures = 0;
            }
        } catch (SQLException | RuntimeException e) {
            // every second while the database is away: say so once a minute, not every time
            if (failures++ == 0 || System.currentTimeMillis() - lastWarning > WARNING_INTERVAL_MS) {
                lastWarning = System.currentTimeMillis();
                log.warn(background.failing(), failures, e.getMessage(), e);
            }
        }
    }

    /**
     * Applies every committed pending row, a transaction per step, until a step finds none; one caller at a time.
     *
     * @return how many pending rows were applied
     */
    public int applyAll() throws SQLException {
        int total = 0;
        applying.lock();
        try {
            while (true) {
                Applied applied;
                try {
                    applied = transactions.inTransaction(step::applySome);
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e); // a step throws nothing else
                }
                if (applied.rows() == 0) {
                    return total;
                }
                lagMillis = Math.max(lagMillis, applied.waitedMillis());
                total += applied.rows();
            }
        } finally {
            applying.unlock();
        }
    }

    /** Applies every pending row visible to the caller's transaction, in it. */
    public void applyAllIn(DataSource transaction) throws SQLException {
        while (step.applySome(transaction).rows() > 0) {
            // until none is left
        }
    }

    /**
     * Stops the thread, letting an apply in progress finish for up to {@link #STOP_SECONDS}: interrupting a thread in
     * the middle of H2's file I/O closes the database's file channel for every connection ("The database has been
     * closed"), which is what happened when a backup product was uninstalled while the applier was busy. What is
     * pending stays pending and is applied after the next start.
     */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown(); // no new runs (the periodic one is cancelled); the one in progress finishes
            try {
                if (!executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                    background.log().warn(background.notStopped(), STOP_SECONDS);
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

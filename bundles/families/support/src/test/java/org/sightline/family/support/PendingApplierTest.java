package org.sightline.family.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.Test;
import org.sightline.core.Transactions;
import org.sightline.family.support.testing.TestDatabase;
import org.slf4j.LoggerFactory;

public class PendingApplierTest {

    /** The core's transactions, recording each transaction it hands out. */
    private static final class RecordingTransactions implements Transactions {
        final List<DataSource> handedOut = new ArrayList<>();
        private final TestDatabase db;

        RecordingTransactions(TestDatabase db) {
            this.db = db;
        }

        @Override
        public <T> T inTransaction(Work<T> work) throws Exception {
            return db.inTransaction(tx -> {
                handedOut.add(tx);
                return work.run(tx);
            });
        }
    }

    /** Pending rows in batches, as a family's journal would hold them; each step takes the next batch. */
    private static PendingApplier.Step batches(Deque<Integer> pending, List<DataSource> appliedIn) {
        return transaction -> {
            appliedIn.add(transaction);
            Integer rows = pending.poll();
            return rows == null ? PendingApplier.Applied.NONE : new PendingApplier.Applied(rows, 0);
        };
    }

    @Test
    public void applyingAllTakesOneTransactionPerStepUntilNothingIsPending() throws Exception {
        try (TestDatabase db = new TestDatabase("support")) {
            RecordingTransactions transactions = new RecordingTransactions(db);
            List<DataSource> appliedIn = new ArrayList<>();
            PendingApplier applier = new PendingApplier(transactions,
                    batches(new ArrayDeque<>(List.of(200, 200, 13)), appliedIn));

            assertEquals(413, applier.applyAll());
            assertEquals(4, transactions.handedOut.size()); // three batches, then one that finds none
            assertEquals(transactions.handedOut, appliedIn);
            assertEquals(0, applier.applyAll());
        }
    }

    @Test
    public void applyingAllInTheCallersTransactionOpensNoTransactionOfItsOwn() throws Exception {
        try (TestDatabase db = new TestDatabase("support")) {
            RecordingTransactions transactions = new RecordingTransactions(db);
            List<DataSource> appliedIn = new ArrayList<>();
            PendingApplier applier = new PendingApplier(transactions, batches(new ArrayDeque<>(List.of(5, 7)), appliedIn));
            DataSource callers = db.dataSource();

            applier.applyAllIn(callers);

            assertEquals(3, appliedIn.size());
            appliedIn.forEach(tx -> assertSame(callers, tx));
            assertTrue(transactions.handedOut.isEmpty());
        }
    }

    @Test
    public void aFailedStepReachesTheCallerAndTheNextApplyRunsAgain() throws Exception {
        try (TestDatabase db = new TestDatabase("support")) {
            Deque<Integer> pending = new ArrayDeque<>(List.of(3));
            boolean[] databaseAway = {true};
            PendingApplier applier = new PendingApplier(new RecordingTransactions(db), transaction -> {
                if (databaseAway[0]) {
                    throw new SQLException("connection refused");
                }
                Integer rows = pending.poll();
                return rows == null ? PendingApplier.Applied.NONE : new PendingApplier.Applied(rows, 0);
            });

            SQLException failure = assertThrows(SQLException.class, applier::applyAll);
            assertEquals("connection refused", failure.getMessage());
            databaseAway[0] = false;
            assertEquals(3, applier.applyAll());
        }
    }

    @Test
    public void closingLetsTheApplyInProgressFinishOnTheNamedThreadWithoutInterruptingIt() throws Exception {
        try (TestDatabase db = new TestDatabase("support")) {
            CountDownLatch applying = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> finished = new CompletableFuture<>();
            boolean[] first = {true};
            PendingApplier applier = new PendingApplier(new RecordingTransactions(db), transaction -> {
                if (!first[0]) {
                    return PendingApplier.Applied.NONE;
                }
                first[0] = false;
                applying.countDown();
                try {
                    release.await();
                    finished.complete(Thread.currentThread().getName());
                } catch (InterruptedException e) {
                    finished.complete("interrupted");
                }
                return new PendingApplier.Applied(1, 0);
            }, new PendingApplier.Background("sightline-test-applier", 60_000,
                    LoggerFactory.getLogger(PendingApplierTest.class), "behind {} s", "recovered after {}",
                    "failing {}: {}", "not stopped within {} s"));

            applier.kick();
            assertTrue(applying.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closed = CompletableFuture.runAsync(applier::close);
            assertFalse(closed.isDone());
            release.countDown();
            closed.get(10, TimeUnit.SECONDS);

            assertEquals("sightline-test-applier", finished.getNow(null));
        }
    }
}

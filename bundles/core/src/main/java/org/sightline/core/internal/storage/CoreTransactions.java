package org.sightline.core.internal.storage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The core's transactions as a service for other bundles ({@link org.sightline.core.Transactions}): the
 * same transactions, with the same bound {@code DataSource}, that ingestion and disconnection run in.
 */
@Component(service = org.sightline.core.Transactions.class)
public class CoreTransactions implements org.sightline.core.Transactions {
    private final Transactions transactions;

    @Activate
    public CoreTransactions(@Reference CoreStorage storage) {
        this.transactions = storage.transactions();
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        return transactions.inTransaction((connection, transaction) -> work.run(transaction));
    }
}

package org.sightline.api.usage;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.widget.TimeRange;

/**
 * The usage store the core offers to usage products (SMS, Voice, Video, Messaging Apps...). It keeps
 * every product's records in shared, indexed tables; a product only maps its records.
 * <p>
 * Storing a record, in the caller's transaction: skips it when its id is already stored for that
 * customer and product; prices it by the customer's {@link PriceList} for the product (zero when the
 * customer has none); and adds it to the daily roll-ups that {@link #summary} reads, which count it
 * from the moment the transaction commits. Its price is drawn down from the customer's remaining
 * credits (which may go below zero) shortly after the commit, together with other batches' charges:
 * the credits a customer row shows trail the committed usage by about a second.
 * <p>
 * Reads never scan records: {@link #page} walks an index by key, {@link #summary} reads the roll-ups.
 *
 * <pre>{@code
 * public IngestResult ingest(IngestBatch batch, DataSource tx) throws Exception {
 *     return usageLog.ingest(SPEC.productId(), batch, r -> new UsageRecord(r.customer(), r.recordId(),
 *             r.instant("time"), Direction.ofCode(r.oneOf("direction", Set.of("inbound", "outbound"))),
 *             r.oneOf("status", SPEC.statusCodes()), ...), tx);
 * }
 * }</pre>
 */
@ProviderType
public interface UsageLog {

    /**
     * Validates and stores an ingestion batch: maps every record, rejecting those the mapper refuses
     * with its reason, then stores the others as {@link #store} does. A rejected line writes nothing.
     *
     * @param productId   the product
     * @param batch       the batch the core handed to the product's ingest handler
     * @param mapper      validates one line and maps it to a usage record
     * @param transaction the core's transaction; not committed here
     * @return stored, duplicate and rejected counts, with a reason per rejected line
     * @throws UsageException when the database fails; the caller's transaction must then be rolled back
     */
    IngestResult ingest(String productId, IngestBatch batch, UsageRecordMapper mapper, DataSource transaction)
            throws UsageException;

    /**
     * Stores records idempotently: prices them, rolls them up and charges the customers' credits.
     *
     * @param productId   the product
     * @param records     the records, of any customers
     * @param transaction the caller's transaction; not committed here
     * @return how many were stored and how many were already there
     * @throws UsageException when the database fails
     */
    StoreResult store(String productId, List<UsageRecord> records, DataSource transaction) throws UsageException;

    /**
     * A page of a customer's records, newest first.
     *
     * @throws IllegalArgumentException when the query's cursor is not one this service made
     * @throws UsageException           when the database fails
     */
    UsagePage page(CustomerRef customer, String productId, UsageQuery query) throws UsageException;

    /**
     * A customer's usage of a product from the daily roll-ups, for every UTC day the range touches.
     *
     * @throws UsageException when the database fails
     */
    UsageSummary summary(CustomerRef customer, String productId, TimeRange range) throws UsageException;

    /**
     * The customer's price list for a product, if one was set.
     *
     * @throws UsageException when the database fails
     */
    Optional<PriceList> priceList(CustomerRef customer, String productId) throws UsageException;

    /**
     * Replaces the customer's price list for a product. Records stored from then on are priced by it;
     * records already stored keep the price they were charged.
     *
     * @param transaction where to write; the module storage's data source to write at once
     * @throws IllegalArgumentException when the list's currency is not the customer's
     * @throws UsageException           when the database fails
     */
    void setPriceList(CustomerRef customer, String productId, PriceList prices, DataSource transaction)
            throws UsageException;

    /**
     * Deletes a customer's records, roll-ups and price list for a product, for
     * {@link org.sightline.api.data.CustomerDataOwner}.
     *
     * @throws UsageException when the database fails
     */
    void deleteCustomerData(CustomerRef customer, String productId, DataSource transaction) throws UsageException;

    /**
     * Writes deterministic sample usage for a {@link SampleDataProvider}: 90 days up to the request's
     * {@code now}, busier on weekdays and office hours (in the request's zone), with a few failure bursts,
     * scaled by the request's scale. Gives the customer the factory's sample prices when it has none.
     * Writing again for the same request stores nothing twice.
     *
     * @return what was stored
     * @throws UsageException when the database fails
     */
    StoreResult writeSample(SampleDataProvider.Request request, UsageSpec spec, UsageSampleFactory factory,
                            DataSource transaction) throws UsageException;
}

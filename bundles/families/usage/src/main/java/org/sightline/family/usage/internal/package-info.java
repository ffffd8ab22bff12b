/**
 * The communications usage family: the implementation of {@code org.sightline.api.usage} that the SMS,
 * Voice, Video and Messaging Apps products share. {@link org.sightline.family.usage.internal.UsageLogService}
 * stores, prices and reads usage and deletes a disconnected customer's;
 * {@link org.sightline.family.usage.internal.RollUps} keeps the daily roll-ups and charges the customers'
 * credits through the core's {@code Credits}, in the core's {@code Transactions};
 * {@link org.sightline.family.usage.internal.UsageViewsService} draws the products' widgets.
 * <p>
 * The family owns the tables {@code usage_record}, {@code usage_daily}, {@code usage_price} and
 * {@code usage_pending}, migrated as module {@code usage} from {@code db/migration/usage}. The scripts came
 * from the core unchanged, comments included (they name the core's old package): a changed script would no
 * longer match its checksum in the databases that applied it.
 * <p>
 * Not exported: products see only the API package; this bundle imports only {@code org.sightline.api..}
 * and {@code org.sightline.core}.
 */
package org.sightline.family.usage.internal;

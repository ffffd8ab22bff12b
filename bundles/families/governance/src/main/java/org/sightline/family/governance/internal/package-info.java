/**
 * The governance family: the implementation of {@code org.sightline.api.governance} that Policies for
 * Microsoft 365 and Risk insights share. {@link org.sightline.family.governance.internal.CountStore} keeps the
 * per-day counts and deletes a disconnected customer's; {@link org.sightline.family.governance.internal.ViewsService}
 * draws their daily series and builds deep links into the customer's environment;
 * {@link org.sightline.family.governance.internal.SampleSubscribers} names the sample customers that get
 * sample data.
 * <p>
 * The family owns the table {@code governance_daily}, migrated as module {@code governance} from
 * {@code db/migration/governance}; only {@code CountStore} runs SQL on it.
 * <p>
 * Not exported: products see only the API package; this bundle imports only {@code org.sightline.api..} and
 * {@code org.sightline.core}.
 */
package org.sightline.family.governance.internal;

-- Per-day counts of the governance products (policy, risk): one table for all of them, owned by
-- org.sightline.family.governance.internal. A count sent again for the same key replaces the stored one.
-- kind: what the count is about within the customer (a workspace kind such as teams), or 'all'.
-- No foreign key to customer: rows are deleted through CustomerDataOwner before the customer is.
CREATE TABLE governance_daily (
    customer_id BIGINT      NOT NULL,
    product_id  VARCHAR(40) NOT NULL,
    count_day   DATE        NOT NULL,
    measure     VARCHAR(40) NOT NULL,
    kind        VARCHAR(40) NOT NULL,
    count_value BIGINT      NOT NULL,
    CONSTRAINT governance_daily_pk PRIMARY KEY (customer_id, product_id, count_day, measure, kind),
    CONSTRAINT governance_daily_value_ck CHECK (count_value >= 0)
);

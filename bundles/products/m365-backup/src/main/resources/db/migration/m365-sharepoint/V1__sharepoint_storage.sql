-- SharePoint Online storage of a customer's tenant. Owned by org.sightline.product.m365.sharepoint
-- (StorageStore); nobody else runs SQL on these tables.

-- The tenant's storage use and quota on a day (one row per day: a later report of the day replaces it).
CREATE TABLE m365_sp_storage (
    customer_id BIGINT NOT NULL,
    on_day         DATE   NOT NULL,
    used_bytes  BIGINT NOT NULL,
    quota_bytes BIGINT NOT NULL,
    PRIMARY KEY (customer_id, on_day)
);

-- Whether the customer's app profile grants Reports.Read.All, which the storage report needs.
CREATE TABLE m365_sp_permission (
    customer_id      BIGINT    NOT NULL PRIMARY KEY,
    reports_read_all BOOLEAN   NOT NULL,
    observed_at      TIMESTAMP NOT NULL
);

-- The partner's logo (issue 13: the report cover shows the partner's and the customer's names and logos),
-- kept in the database like customer_logo, with its checked type. Owned by org.sightline.core.internal.tenancy.
CREATE TABLE partner_logo (
    partner_id   BIGINT      NOT NULL PRIMARY KEY REFERENCES partner (id),
    content_type VARCHAR(20) NOT NULL,
    bytes        BYTEA       NOT NULL,
    version      INT         NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

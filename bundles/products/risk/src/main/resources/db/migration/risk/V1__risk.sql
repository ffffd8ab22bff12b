-- Risk insights (org.sightline.product.risk.RiskStore owns both tables). The per-day counts per workspace kind
-- are kept by the governance family (governance_daily, product 'risk'); these are the product's own details.
-- No foreign key to customer: rows are deleted through CustomerDataOwner before the customer is.

-- Each workspace's latest counts, for "the riskiest workspaces". name may be personal data (a OneDrive is named
-- after its owner): the product shows OneDrive names only as person-name cells, which the core removes.
CREATE TABLE risk_workspace (
    customer_id    BIGINT       NOT NULL,
    workspace_id   VARCHAR(100) NOT NULL,
    kind           VARCHAR(20)  NOT NULL,   -- sharepoint, teams, groups, onedrive
    name           VARCHAR(200) NOT NULL,
    as_of          DATE         NOT NULL,   -- the day the counts are of; a later day replaces them
    high_risk      BIGINT       NOT NULL,
    medium_risk    BIGINT       NOT NULL,
    sensitive      BIGINT       NOT NULL,
    external_users BIGINT       NOT NULL,
    external_links BIGINT       NOT NULL,
    CONSTRAINT risk_workspace_pk PRIMARY KEY (customer_id, workspace_id)
);
CREATE INDEX risk_workspace_rank_ix ON risk_workspace (customer_id, high_risk DESC, medium_risk DESC);

-- The customer's Exchange Online service account: what the backend last reported (status ready or absent,
-- with or without multi-factor authentication) and when a portal user asked for one to be created.
CREATE TABLE risk_service_account (
    customer_id  BIGINT      NOT NULL PRIMARY KEY,
    status       VARCHAR(10),                     -- ready, absent; NULL until the backend reports
    mfa          BOOLEAN,
    reported_at  TIMESTAMP WITH TIME ZONE,
    requested_at TIMESTAMP WITH TIME ZONE         -- the last "Create service account", NULL if never
);

-- Backup data of the backup products (Microsoft 365, Google Workspace, IaaS + PaaS, Dynamics 365, Salesforce),
-- one set of tables shared by all of them; org.sightline.family.backup.internal owns them.
-- No foreign keys to customer: rows are deleted through CustomerDataOwner before the customer is.

-- One row per job run, keyed by customer, product and the backend's run id; a batch's stored runs are found with
-- one probe per customer (job_id = ANY(?) within the customer's key range). The paging index serves the failures
-- list.
-- error may carry personal data (names, mailboxes, paths): it is only ever shown as message content, which
-- the core's privacy filter removes.
CREATE TABLE backup_job (
    job_id      VARCHAR(100)  NOT NULL,
    product_id  VARCHAR(40)   NOT NULL,
    customer_id BIGINT        NOT NULL,
    workload    VARCHAR(40)   NOT NULL,
    started     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished    TIMESTAMP WITH TIME ZONE,
    status      VARCHAR(20)   NOT NULL,
    objects_ok  BIGINT        NOT NULL,
    objects_bad BIGINT        NOT NULL,
    bytes       BIGINT        NOT NULL,
    reason      VARCHAR(200),
    error       VARCHAR(2000),
    CONSTRAINT backup_job_pk PRIMARY KEY (customer_id, product_id, job_id)
);
CREATE INDEX backup_job_page_ix ON backup_job (customer_id, product_id, started DESC, job_id DESC);

-- The roll-ups, one row per customer, product, workload and UTC day, kept up to date in the writer's
-- transaction; every widget reads these only. Runs count on the UTC day they started.
-- last_started/last_status: the day's last run (by start); last_success: the latest finish of a succeeded run
-- that started that day; job_objects: objects protected by the day's last run; protected_objects and
-- storage_bytes: as last sent by protected and storage lines for that day.
CREATE TABLE backup_daily (
    customer_id       BIGINT      NOT NULL,
    product_id        VARCHAR(40) NOT NULL,
    workload          VARCHAR(40) NOT NULL,
    run_day               DATE        NOT NULL,
    succeeded         INT         NOT NULL,
    partial           INT         NOT NULL,
    failed            INT         NOT NULL,
    running           INT         NOT NULL,
    not_run           INT         NOT NULL,
    last_started      TIMESTAMP WITH TIME ZONE,
    last_status       VARCHAR(20),
    last_success      TIMESTAMP WITH TIME ZONE,
    job_objects       BIGINT,
    protected_objects BIGINT,
    storage_bytes     BIGINT,
    CONSTRAINT backup_daily_pk PRIMARY KEY (customer_id, product_id, workload, run_day)
);

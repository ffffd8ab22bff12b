CREATE TABLE itest_demo_event (
    customer_id BIGINT       NOT NULL,
    record_id   VARCHAR(200) NOT NULL,
    ts          TIMESTAMP WITH TIME ZONE NOT NULL,
    amount      DECIMAL(19,4) NOT NULL,
    PRIMARY KEY (customer_id, record_id)
);

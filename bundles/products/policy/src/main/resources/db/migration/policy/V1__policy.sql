-- Policies for Microsoft 365: the customer tenant's rules and their violations, as the product's backend last
-- sent them (org.sightline.product.policy.PolicyStore owns both tables). No foreign key to customer: rows are
-- deleted through CustomerDataOwner before the customer is.
CREATE TABLE policy_rule (
    customer_id    BIGINT                   NOT NULL,
    rule_id        VARCHAR(100)             NOT NULL,
    name           VARCHAR(200)             NOT NULL,
    scope          VARCHAR(100)             NOT NULL,  -- the service or object set, such as Exchange Online
    compliant      BOOLEAN                  NOT NULL,
    last_evaluated TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT policy_rule_pk PRIMARY KEY (customer_id, rule_id)
);

-- object_name: what violates the rule (a mailbox, a site, a group); may be personal data, so it is shown only
-- through the core's privacy filter (free text: e-mail addresses and phone numbers masked).
CREATE TABLE policy_violation (
    customer_id  BIGINT                   NOT NULL,
    violation_id VARCHAR(100)             NOT NULL,
    rule_id      VARCHAR(100)             NOT NULL,
    object_name  VARCHAR(300)             NOT NULL,
    found_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    fixed        BOOLEAN                  NOT NULL,
    fixed_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT policy_violation_pk PRIMARY KEY (customer_id, violation_id)
);
CREATE INDEX policy_violation_rule_ix ON policy_violation (customer_id, rule_id);

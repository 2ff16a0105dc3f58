-- Customers. Columns marked PII in their comments hold personal data: customers/redact and shop/redact
-- null or delete exactly these (and raw, which carries the same data).
CREATE TABLE customer (
    shop_id           bigint      NOT NULL REFERENCES shop (id),
    id                bigint      NOT NULL,
    gid               text        NOT NULL,
    first_name        text,
    last_name         text,
    email             text,
    phone             text,
    state             text,
    verified_email    boolean,
    tags              text[]      NOT NULL DEFAULT '{}',
    number_of_orders  bigint,
    amount_spent      numeric(20, 4),
    currency_code     text,
    created_at        timestamptz,
    updated_at        timestamptz NOT NULL,
    deleted_at        timestamptz,
    synced_at         timestamptz NOT NULL,
    raw               jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);
COMMENT ON COLUMN customer.first_name IS 'PII';
COMMENT ON COLUMN customer.last_name IS 'PII';
COMMENT ON COLUMN customer.email IS 'PII';
COMMENT ON COLUMN customer.phone IS 'PII';
COMMENT ON COLUMN customer.raw IS 'PII: the whole Shopify node';
-- Watermark rebuild and "recently changed customers".
CREATE INDEX customer_shop_updated_idx ON customer (shop_id, updated_at DESC);
-- Looking a customer up by e-mail is the most common support query.
CREATE INDEX customer_shop_email_idx ON customer (shop_id, lower(email)) WHERE email IS NOT NULL;

-- A customer's addresses; the set is replaced with the customer's on every sync. updated_at is the
-- customer's: addresses have no timestamp of their own in the Admin API.
CREATE TABLE customer_address (
    shop_id        bigint      NOT NULL,
    id             bigint      NOT NULL,
    customer_id    bigint      NOT NULL,
    gid            text        NOT NULL,
    position       integer,
    first_name     text,
    last_name      text,
    company        text,
    address1       text,
    address2       text,
    city           text,
    province       text,
    province_code  text,
    country        text,
    country_code   text,
    zip            text,
    phone          text,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    synced_at      timestamptz NOT NULL,
    raw            jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, customer_id) REFERENCES customer (shop_id, id)
);
COMMENT ON TABLE customer_address IS 'PII: every column but the keys';
-- Addresses of a customer: the child-set replacement and joins from customer.
CREATE INDEX customer_address_customer_idx ON customer_address (shop_id, customer_id);

CREATE TABLE location (
    shop_id                 bigint      NOT NULL REFERENCES shop (id),
    id                      bigint      NOT NULL,
    gid                     text        NOT NULL,
    name                    text,
    is_active               boolean,
    fulfills_online_orders  boolean,
    ships_inventory         boolean,
    address1                text,
    city                    text,
    province_code           text,
    country_code            text,
    zip                     text,
    created_at              timestamptz,
    updated_at              timestamptz NOT NULL,
    deleted_at              timestamptz,
    synced_at               timestamptz NOT NULL,
    raw                     jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);

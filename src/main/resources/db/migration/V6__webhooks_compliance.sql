-- customers/data_request: what a customer asked for and which of their records we held when they asked, so
-- the merchant can answer within the 30 days Shopify allows.
CREATE TABLE customer_data_request (
    shop_id           bigint      NOT NULL REFERENCES shop (id),
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    data_request_id   bigint,
    customer_id       bigint      NOT NULL,
    orders_requested  bigint[]    NOT NULL DEFAULT '{}',
    stored_records    jsonb       NOT NULL,
    requested_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_data_request_customer_idx ON customer_data_request (shop_id, customer_id);

-- app/uninstalled: when the shop stopped being synced (active = false); its data is kept until shop/redact.
ALTER TABLE shop ADD COLUMN uninstalled_at timestamptz;
-- customers/redact: when a customer's personal data was erased (the row stays, emptied, for joins).
ALTER TABLE customer ADD COLUMN redacted_at timestamptz;
ALTER TABLE orders ADD COLUMN redacted_at timestamptz;

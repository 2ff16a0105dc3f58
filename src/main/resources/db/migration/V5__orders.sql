-- Orders and their children. Money is numeric (never float) with its currency: shop-currency amounts from
-- Shopify's MoneyBag.shopMoney. Children whose Shopify ids are stable are upserted and soft-deleted when they
-- leave the order (deleted_at); tax lines and discount applications have no id and are replaced with the order.
-- Columns marked PII in their comments hold personal data: customers/redact and shop/redact clear them.
CREATE TABLE orders (
    shop_id                    bigint      NOT NULL REFERENCES shop (id),
    id                         bigint      NOT NULL,
    gid                        text        NOT NULL,
    name                       text,
    email                      text,
    customer_id                bigint,
    currency_code              text,
    presentment_currency_code  text,
    financial_status           text,
    fulfillment_status         text,
    total_price                numeric,
    subtotal_price             numeric,
    total_shipping             numeric,
    total_tax                  numeric,
    total_discounts            numeric,
    total_refunded             numeric,
    current_total_price        numeric,
    line_items_quantity        integer,
    fully_paid                 boolean,
    test                       boolean,
    cancel_reason              text,
    source_name                text,
    tags                       text[],
    created_at                 timestamptz,
    processed_at               timestamptz,
    updated_at                 timestamptz NOT NULL,
    closed_at                  timestamptz,
    cancelled_at               timestamptz,
    deleted_at                 timestamptz,
    synced_at                  timestamptz NOT NULL,
    raw                        jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);
COMMENT ON COLUMN orders.email IS 'PII';
COMMENT ON COLUMN orders.raw IS 'PII: the whole Shopify node (e-mail)';
-- "Latest orders of a shop", the most common read of all (dashboards, exports by date).
CREATE INDEX orders_shop_created_idx ON orders (shop_id, created_at DESC);
-- The incremental watermark rebuild reads max(updated_at) per shop.
CREATE INDEX orders_shop_updated_idx ON orders (shop_id, updated_at DESC);
-- "What is left to ship": open, not cancelled, not (fully) fulfilled. Partial, so it stays small: in a mature
-- shop almost every order is closed or fulfilled.
CREATE INDEX orders_open_unfulfilled_idx ON orders (shop_id, created_at DESC)
    WHERE deleted_at IS NULL AND closed_at IS NULL AND cancelled_at IS NULL
      AND fulfillment_status IS DISTINCT FROM 'FULFILLED';
-- "A customer's orders" (customer pages, customers/redact).
CREATE INDEX orders_customer_idx ON orders (shop_id, customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE order_line_item (
    shop_id               bigint      NOT NULL,
    id                    bigint      NOT NULL,
    order_id              bigint      NOT NULL,
    gid                   text        NOT NULL,
    position              integer     NOT NULL,
    product_id            bigint,
    variant_id            bigint,
    title                 text,
    sku                   text,
    quantity              integer,
    current_quantity      integer,
    unfulfilled_quantity  integer,
    requires_shipping     boolean,
    taxable               boolean,
    original_unit_price   numeric,
    discounted_unit_price numeric,
    currency_code         text,
    deleted_at            timestamptz,
    synced_at             timestamptz NOT NULL,
    raw                   jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
-- An order's lines (joins from orders; the child-set replacement of every sync).
CREATE INDEX order_line_item_order_idx ON order_line_item (shop_id, order_id);
-- "Sales by product / by variant".
CREATE INDEX order_line_item_product_idx ON order_line_item (shop_id, product_id) WHERE product_id IS NOT NULL;
CREATE INDEX order_line_item_variant_idx ON order_line_item (shop_id, variant_id) WHERE variant_id IS NOT NULL;

CREATE TABLE order_shipping_line (
    shop_id            bigint      NOT NULL,
    id                 bigint      NOT NULL,
    order_id           bigint      NOT NULL,
    gid                text        NOT NULL,
    title              text,
    code               text,
    source             text,
    original_price     numeric,
    discounted_price   numeric,
    currency_code      text,
    deleted_at         timestamptz,
    synced_at          timestamptz NOT NULL,
    raw                jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_shipping_line_order_idx ON order_shipping_line (shop_id, order_id);

-- Tax lines have no id: (order, position) is their key and the set is replaced with the order.
CREATE TABLE order_tax_line (
    shop_id          bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    position         integer     NOT NULL,
    title            text,
    rate             numeric,
    price            numeric,
    currency_code    text,
    channel_liable   boolean,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, order_id, position),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);

-- Discount applications have no id: Shopify's index within the order is their key.
CREATE TABLE order_discount_application (
    shop_id            bigint      NOT NULL,
    order_id           bigint      NOT NULL,
    application_index  integer     NOT NULL,
    kind               text        NOT NULL,
    title              text,
    code               text,
    allocation_method  text,
    target_selection   text,
    target_type        text,
    value_amount       numeric,
    value_currency     text,
    value_percentage   numeric,
    synced_at          timestamptz NOT NULL,
    PRIMARY KEY (shop_id, order_id, application_index),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);

CREATE TABLE order_refund (
    shop_id          bigint      NOT NULL,
    id               bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    gid              text        NOT NULL,
    note             text,
    total_refunded   numeric,
    currency_code    text,
    created_at       timestamptz,
    updated_at       timestamptz,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_refund_order_idx ON order_refund (shop_id, order_id);

-- order_id is kept next to refund_id so an order's whole child set is replaced with one key.
CREATE TABLE order_refund_line_item (
    shop_id          bigint      NOT NULL,
    id               bigint      NOT NULL,
    refund_id        bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    line_item_id     bigint,
    gid              text        NOT NULL,
    quantity         integer,
    restock_type     text,
    subtotal         numeric,
    currency_code    text,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_refund_line_item_order_idx ON order_refund_line_item (shop_id, order_id);
-- "What was refunded of this line?" (net sales per line item).
CREATE INDEX order_refund_line_item_line_idx ON order_refund_line_item (shop_id, line_item_id);

CREATE TABLE order_fulfillment (
    shop_id          bigint      NOT NULL,
    id               bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    gid              text        NOT NULL,
    name             text,
    status           text,
    display_status   text,
    location_id      bigint,
    total_quantity   integer,
    created_at       timestamptz,
    updated_at       timestamptz,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_fulfillment_order_idx ON order_fulfillment (shop_id, order_id);
-- "What did this warehouse ship?"
CREATE INDEX order_fulfillment_location_idx ON order_fulfillment (shop_id, location_id, created_at DESC);

CREATE TABLE order_fulfillment_line_item (
    shop_id          bigint      NOT NULL,
    id               bigint      NOT NULL,
    fulfillment_id   bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    line_item_id     bigint,
    gid              text        NOT NULL,
    quantity         integer,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_fulfillment_line_item_order_idx ON order_fulfillment_line_item (shop_id, order_id);

CREATE TABLE order_transaction (
    shop_id          bigint      NOT NULL,
    id               bigint      NOT NULL,
    order_id         bigint      NOT NULL,
    gid              text        NOT NULL,
    kind             text,
    status           text,
    gateway          text,
    test             boolean,
    amount           numeric,
    currency_code    text,
    created_at       timestamptz,
    processed_at     timestamptz,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX order_transaction_order_idx ON order_transaction (shop_id, order_id);

-- Shops we sync. Secrets are never stored here, only references to where they live.
CREATE TABLE shop (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain          text        NOT NULL UNIQUE,
    plan            text,
    api_version     text        NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    token_secret_ref text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per Shopify product. Typed columns are the ones people filter and join on;
-- raw keeps the whole GraphQL node so no field is ever lost.
CREATE TABLE product (
    shop_id         bigint      NOT NULL REFERENCES shop (id),
    id              bigint      NOT NULL,
    gid             text        NOT NULL,
    title           text,
    handle          text,
    status          text,
    vendor          text,
    product_type    text,
    tags            text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz,
    updated_at      timestamptz NOT NULL,
    published_at    timestamptz,
    deleted_at      timestamptz,
    synced_at       timestamptz NOT NULL,
    raw             jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);
-- The watermark rebuild (max updated_at per shop) and "recently changed" queries.
CREATE INDEX product_shop_updated_idx ON product (shop_id, updated_at DESC);

CREATE TABLE product_variant (
    shop_id            bigint      NOT NULL,
    id                 bigint      NOT NULL,
    product_id         bigint      NOT NULL,
    gid                text        NOT NULL,
    title              text,
    sku                text,
    barcode            text,
    price              numeric(20, 4),
    compare_at_price   numeric(20, 4),
    inventory_quantity integer,
    position           integer,
    taxable            boolean,
    created_at         timestamptz,
    updated_at         timestamptz NOT NULL,
    deleted_at         timestamptz,
    synced_at          timestamptz NOT NULL,
    raw                jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id),
    FOREIGN KEY (shop_id, product_id) REFERENCES product (shop_id, id)
);
-- Variants of a product: the child-set replacement after every product page, and joins from product.
CREATE INDEX product_variant_product_idx ON product_variant (shop_id, product_id);
-- Lookups by SKU are the most common ad-hoc query on variants.
CREATE INDEX product_variant_sku_idx ON product_variant (shop_id, sku) WHERE sku IS NOT NULL;

-- One row per sync slice: the audit trail and the source of "how fresh is this table".
CREATE TABLE sync_run (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id          bigint      NOT NULL REFERENCES shop (id),
    resource         text        NOT NULL,
    mode             text        NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz NOT NULL,
    pages            integer     NOT NULL,
    records          integer     NOT NULL,
    cost_spent       integer     NOT NULL,
    throttled_ms     bigint      NOT NULL,
    has_more         boolean     NOT NULL,
    outcome          text        NOT NULL,
    error            text,
    cursor_before    jsonb,
    cursor_after     jsonb
);
-- Freshness per table: latest successful run per shop and resource.
CREATE INDEX sync_run_shop_resource_idx ON sync_run (shop_id, resource, ended_at DESC);

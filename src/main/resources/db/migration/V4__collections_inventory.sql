-- Collections, custom and smart; membership in its own table.
CREATE TABLE collection (
    shop_id        bigint      NOT NULL REFERENCES shop (id),
    id             bigint      NOT NULL,
    gid            text        NOT NULL,
    title          text,
    handle         text,
    sort_order     text,
    smart          boolean     NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    synced_at      timestamptz NOT NULL,
    raw            jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX collection_shop_updated_idx ON collection (shop_id, updated_at DESC);

-- Which products a collection holds, in collection order; replaced with the collection on every sync.
-- No foreign key to product: a membership may name a product the product sync has not reached yet.
CREATE TABLE collection_product (
    shop_id        bigint      NOT NULL,
    collection_id  bigint      NOT NULL,
    product_id     bigint      NOT NULL,
    position       integer     NOT NULL,
    synced_at      timestamptz NOT NULL,
    PRIMARY KEY (shop_id, collection_id, product_id),
    FOREIGN KEY (shop_id, collection_id) REFERENCES collection (shop_id, id)
);
-- "Which collections is this product in?" — the reverse of the primary key.
CREATE INDEX collection_product_product_idx ON collection_product (shop_id, product_id);

-- One inventory item per variant.
CREATE TABLE inventory_item (
    shop_id        bigint      NOT NULL REFERENCES shop (id),
    id             bigint      NOT NULL,
    gid            text        NOT NULL,
    variant_id     bigint,
    sku            text,
    tracked        boolean,
    created_at     timestamptz,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    synced_at      timestamptz NOT NULL,
    raw            jsonb       NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX inventory_item_shop_updated_idx ON inventory_item (shop_id, updated_at DESC);
-- Joining variants to their stock.
CREATE INDEX inventory_item_variant_idx ON inventory_item (shop_id, variant_id);

-- Quantities by name per item and location. Shopify's level ids are not unique on their own, so the key is
-- (item, location); the set of an item's levels is replaced with the item on every sync.
CREATE TABLE inventory_level (
    shop_id            bigint      NOT NULL,
    inventory_item_id  bigint      NOT NULL,
    location_id        bigint      NOT NULL,
    gid                text        NOT NULL,
    available          integer,
    on_hand            integer,
    committed          integer,
    incoming           integer,
    updated_at         timestamptz,
    synced_at          timestamptz NOT NULL,
    PRIMARY KEY (shop_id, inventory_item_id, location_id),
    FOREIGN KEY (shop_id, inventory_item_id) REFERENCES inventory_item (shop_id, id)
);
-- Stock per location ("what is available in store X?").
CREATE INDEX inventory_level_location_idx ON inventory_level (shop_id, location_id);

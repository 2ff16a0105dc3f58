-- The read path (GET /shops/{shop}/...): indexes its lookups need, and the daily sales it serves precomputed.

-- GET .../products/by-handle/{handle}: Shopify keeps handles unique among a shop's live products.
CREATE INDEX product_shop_handle_idx ON product (shop_id, handle) WHERE deleted_at IS NULL;
-- GET .../collections/{id}/products pages a collection in collection order; the primary key is by product.
CREATE INDEX collection_product_position_idx ON collection_product (shop_id, collection_id, position);

-- Sales per shop and UTC day of the orders' created_at, recomputed from orders by DailySales (the definitions of
-- each column are in its comment). A day without orders has no row.
CREATE TABLE order_daily (
    shop_id      bigint      NOT NULL REFERENCES shop (id),
    day          date        NOT NULL,
    orders       integer     NOT NULL,
    gross_sales  numeric     NOT NULL,
    net_sales    numeric     NOT NULL,
    units        integer     NOT NULL,
    refunds      numeric     NOT NULL,
    computed_at  timestamptz NOT NULL,
    PRIMARY KEY (shop_id, day)
);

-- Days whose orders changed since order_daily was computed: the order writer marks them in the transaction that
-- changes the orders, DailySales takes them (FOR UPDATE SKIP LOCKED) and recomputes them.
CREATE TABLE order_day_dirty (
    shop_id    bigint      NOT NULL REFERENCES shop (id),
    day        date        NOT NULL,
    marked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (shop_id, day)
);

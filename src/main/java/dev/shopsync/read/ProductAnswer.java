package dev.shopsync.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Answerable;
import dev.shopsync.change.Entity;

/**
 * {@code GET /shops/{shop}/products/{id}} and {@code .../products/by-handle/{handle}}: a live product with its media,
 * its variants in position order (each with the stock counted at its locations) and the ids of the live collections
 * it belongs to. One statement builds the whole JSON.
 */
public final class ProductAnswer implements Answerable {

    private static final String BY_HANDLE = "SELECT id FROM product WHERE shop_id = ? AND handle = ? "
            + "AND deleted_at IS NULL ORDER BY id LIMIT 1";

    // Dependencies, next to what they come from: the product row, variants and media (PRODUCT), the collection_product
    // rows of the product (PRODUCT_COLLECTIONS; deleting a collection changes them too, so that write must name
    // PRODUCT_COLLECTIONS of its members), each variant's inventory item and levels (INVENTORY_ITEM, the second
    // column) and which locations count (LOCATIONS).
    private static final String PRODUCT = """
            SELECT json_build_object(
                       'id', p.id, 'title', p.title, 'handle', p.handle, 'status', p.status, 'vendor', p.vendor,
                       'product_type', p.product_type, 'tags', p.tags, 'created_at', p.created_at,
                       'updated_at', p.updated_at, 'published_at', p.published_at,
                       'media', coalesce(p.raw -> 'media' -> 'nodes', '[]'::jsonb),
                       'variants', coalesce(v.variants, '[]'::json),
                       'collection_ids', coalesce(c.ids, '[]'::json))::text,
                   coalesce(v.items, '{}'::bigint[])
            FROM product p
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object(
                           'id', pv.id, 'title', pv.title, 'sku', pv.sku, 'barcode', pv.barcode, 'price', pv.price,
                           'compare_at_price', pv.compare_at_price, 'position', pv.position,
                           'inventory_item_id', stock.item_id, 'available', stock.available)
                           ORDER BY pv.position, pv.id) AS variants,
                       array_agg(stock.item_id) FILTER (WHERE stock.item_id IS NOT NULL) AS items
                FROM product_variant pv
                LEFT JOIN LATERAL (
                    SELECT i.id AS item_id,
                           (SELECT coalesce(sum(l.available), 0) FROM inventory_level l
                            LEFT JOIN location loc ON loc.shop_id = l.shop_id AND loc.id = l.location_id
                            WHERE l.shop_id = i.shop_id AND l.inventory_item_id = i.id
                              AND %s) AS available
                    FROM inventory_item i
                    WHERE i.shop_id = pv.shop_id AND i.variant_id = pv.id AND i.deleted_at IS NULL
                    ORDER BY i.id LIMIT 1) stock ON true
                WHERE pv.shop_id = p.shop_id AND pv.product_id = p.id AND pv.deleted_at IS NULL) v ON true
            LEFT JOIN LATERAL (
                SELECT json_agg(cp.collection_id ORDER BY cp.collection_id) AS ids
                FROM collection_product cp
                JOIN collection col ON col.shop_id = cp.shop_id AND col.id = cp.collection_id
                                   AND col.deleted_at IS NULL
                WHERE cp.shop_id = p.shop_id AND cp.product_id = p.id) c ON true
            WHERE p.shop_id = ? AND p.id = ? AND p.deleted_at IS NULL
            """.formatted(VariantStockAnswer.COUNTED_LEVEL);

    private final long shopId;
    private final Long id;
    private final String handle;

    private ProductAnswer(long shopId, Long id, String handle) {
        this.shopId = shopId;
        this.id = id;
        this.handle = handle;
    }

    public static ProductAnswer byId(long shopId, long id) {
        return new ProductAnswer(shopId, id, null);
    }

    public static ProductAnswer byHandle(long shopId, String handle) {
        return new ProductAnswer(shopId, null, handle);
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return id != null ? "product:" + id : "product-handle:" + handle;
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        if (id != null) {
            return byId(connection, id);
        }
        try (PreparedStatement statement = connection.prepareStatement(BY_HANDLE)) {
            statement.setLong(1, shopId);
            statement.setString(2, handle);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Answer.notFound("product", Set.of(Entity.anyProduct()));
                }
                // found: the product's own entity covers a later change of its handle or its deletion
                return byId(connection, row.getLong(1));
            }
        }
    }

    private Answer byId(Connection connection, long productId) throws SQLException {
        Set<Entity> dependsOn = new HashSet<>();
        dependsOn.add(Entity.of(Entity.Kind.PRODUCT, productId));
        try (PreparedStatement statement = connection.prepareStatement(PRODUCT)) {
            statement.setLong(1, shopId);
            statement.setLong(2, productId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Answer.notFound("product", dependsOn);
                }
                dependsOn.add(Entity.of(Entity.Kind.PRODUCT_COLLECTIONS, productId));
                dependsOn.add(Entity.of(Entity.Kind.LOCATIONS, 0));
                for (Long item : (Long[]) row.getArray(2).getArray()) {
                    dependsOn.add(Entity.of(Entity.Kind.INVENTORY_ITEM, item));
                }
                return Answer.found(row.getString(1), dependsOn);
            }
        }
    }
}

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
 * {@code GET /shops/{shop}/variants/{id}/inventory}: a live variant's inventory item and its quantities per location,
 * with the totals. One statement builds the JSON.
 */
public final class VariantStockAnswer implements Answerable {

    /**
     * Which levels count as stock, for {@code inventory_level l LEFT JOIN location loc}: those at a location not
     * known to be deleted or deactivated. A location the location sync has not reached yet counts, so stock does not
     * vanish while that sync lags.
     */
    static final String COUNTED_LEVEL = "loc.deleted_at IS NULL AND loc.is_active IS NOT FALSE";

    // Dependencies: the variant row (PRODUCT of its product, the first id column), its inventory item and levels
    // (INVENTORY_ITEM, the second) and the locations' names and state (LOCATIONS).
    private static final String STOCK = """
            SELECT json_build_object(
                       'variant_id', pv.id, 'product_id', pv.product_id, 'sku', pv.sku,
                       'inventory_item_id', i.id,
                       'levels', coalesce(lv.levels, '[]'::json),
                       'total_available', CASE WHEN i.id IS NOT NULL THEN coalesce(lv.available, 0) END,
                       'total_on_hand', CASE WHEN i.id IS NOT NULL THEN coalesce(lv.on_hand, 0) END)::text,
                   pv.product_id, i.id
            FROM product_variant pv
            JOIN product p ON p.shop_id = pv.shop_id AND p.id = pv.product_id AND p.deleted_at IS NULL
            LEFT JOIN LATERAL (
                SELECT it.id FROM inventory_item it
                WHERE it.shop_id = pv.shop_id AND it.variant_id = pv.id AND it.deleted_at IS NULL
                ORDER BY it.id LIMIT 1) i ON true
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object(
                           'location_id', l.location_id, 'location_name', loc.name, 'available', l.available,
                           'on_hand', l.on_hand, 'committed', l.committed, 'incoming', l.incoming)
                           ORDER BY l.location_id) AS levels,
                       sum(l.available) AS available, sum(l.on_hand) AS on_hand
                FROM inventory_level l
                LEFT JOIN location loc ON loc.shop_id = l.shop_id AND loc.id = l.location_id
                WHERE l.shop_id = pv.shop_id AND l.inventory_item_id = i.id AND %s) lv ON true
            WHERE pv.shop_id = ? AND pv.id = ? AND pv.deleted_at IS NULL
            """.formatted(COUNTED_LEVEL);

    /** A missing variant: the product it was last seen in, if any. */
    private static final String LAST_PRODUCT = "SELECT product_id FROM product_variant WHERE shop_id = ? AND id = ?";

    private final long shopId;
    private final long variantId;

    public VariantStockAnswer(long shopId, long variantId) {
        this.shopId = shopId;
        this.variantId = variantId;
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return "variant-stock:" + variantId;
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STOCK)) {
            statement.setLong(1, shopId);
            statement.setLong(2, variantId);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    Set<Entity> dependsOn = new HashSet<>();
                    dependsOn.add(Entity.of(Entity.Kind.PRODUCT, row.getLong(2)));
                    long item = row.getLong(3);
                    if (!row.wasNull()) {
                        dependsOn.add(Entity.of(Entity.Kind.INVENTORY_ITEM, item));
                    }
                    dependsOn.add(Entity.of(Entity.Kind.LOCATIONS, 0));
                    return Answer.found(row.getString(1), dependsOn);
                }
            }
        }
        return Answer.notFound("variant", Set.of(lastProduct(connection)));
    }

    /** What would make a missing variant appear: a write of the product it was in, or of any product if none. */
    private Entity lastProduct(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LAST_PRODUCT)) {
            statement.setLong(1, shopId);
            statement.setLong(2, variantId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Entity.of(Entity.Kind.PRODUCT, row.getLong(1)) : Entity.anyProduct();
            }
        }
    }
}

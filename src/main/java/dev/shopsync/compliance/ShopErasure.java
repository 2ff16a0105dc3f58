package dev.shopsync.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.PersistenceFailure;

/**
 * shop/redact, applied: every row of a shop's data deleted, in chunks small enough for one bounded transaction
 * each, so a shop of millions of rows is erased by a few slices rather than one statement that outlives its
 * invocation. The shop row, its lifecycle requests and the runs of its lifecycle slices (no personal data in
 * either) stay, as the audit trail.
 */
@ApplicationScoped
public class ShopErasure {

    /** Every table holding a shop's data, children before their parents (their foreign keys point up). */
    static final List<String> SHOP_TABLES = List.of("order_line_item", "order_shipping_line", "order_tax_line",
            "order_discount_application", "order_refund_line_item", "order_refund", "order_fulfillment_line_item",
            "order_fulfillment", "order_transaction", "orders", "order_daily", "order_day_dirty",
            "collection_product", "collection", "inventory_level", "inventory_item", "customer_address",
            "customer_data_request", "customer", "location", "product_variant", "product", "sync_run",
            "bulk_checkpoint",
            // a reinstalled shop syncs again from nothing: its Redis cursors are forgotten, so are their durable copies
            "stream_offset");

    private final DataSource dataSource;
    private final Changes changes;

    public ShopErasure(DataSource dataSource, Changes changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }

    /**
     * Deletes up to {@code maxRows} of the shop's rows, table after table, in ONE transaction.
     *
     * @return rows deleted; fewer than {@code maxRows} means nothing is left
     */
    @Transactional
    public int eraseChunk(long shopId, int maxRows) {
        int left = maxRows;
        // every cached answer of the shop is deleted after its first chunk (and again after each later one)
        changes.recordErased(shopId, Entity.shop());
        try (Connection connection = dataSource.getConnection()) {
            for (String table : SHOP_TABLES) {
                // table names come from the list above, never from input
                String audit = table.equals("sync_run") ? " AND resource <> 'shop'" : "";
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE shop_id = ?" + audit
                        + " LIMIT ?))")) {
                    statement.setLong(1, shopId);
                    statement.setInt(2, left);
                    left -= statement.executeUpdate();
                }
                if (left == 0) {
                    break;
                }
            }
            return maxRows - left;
        } catch (SQLException e) {
            throw new PersistenceFailure("erasing shop " + shopId, e);
        }
    }
}

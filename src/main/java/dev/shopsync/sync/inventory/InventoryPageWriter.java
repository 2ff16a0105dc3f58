package dev.shopsync.sync.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildRows;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.sync.PageWriter;
import dev.shopsync.sync.inventory.InventoryItemRow.LevelRow;

/** Writes inventory items and replaces the levels of those written, in one transaction. */
@ApplicationScoped
public class InventoryPageWriter extends PageWriter<InventoryItemRow> {

    private final BulkUpsert<InventoryItemRow> items = BulkUpsert.<InventoryItemRow>into("inventory_item")
            .column("id", "bigint", InventoryItemRow::id)
            .column("gid", "text", InventoryItemRow::gid)
            .column("variant_id", "bigint", InventoryItemRow::variantId)
            .column("sku", "text", InventoryItemRow::sku)
            .column("tracked", "boolean", InventoryItemRow::tracked)
            .column("created_at", "timestamptz", InventoryItemRow::createdAt)
            .column("updated_at", "timestamptz", InventoryItemRow::updatedAt)
            .column("raw", "jsonb", InventoryItemRow::raw)
            .guardedBy("updated_at")
            .build();
    private final ChildRows<LevelRow> levels = ChildRows.<LevelRow>into("inventory_level", "inventory_item_id")
            .column("inventory_item_id", "bigint", LevelRow::itemId)
            .column("location_id", "bigint", LevelRow::locationId)
            .column("gid", "text", LevelRow::gid)
            .column("available", "integer", LevelRow::available)
            .column("on_hand", "integer", LevelRow::onHand)
            .column("committed", "integer", LevelRow::committed)
            .column("incoming", "integer", LevelRow::incoming)
            .column("updated_at", "timestamptz", LevelRow::updatedAt)
            .build();

    public InventoryPageWriter(DataSource dataSource, Changes changes) {
        super(dataSource, new IdReconciler("inventory_item",
                IdReconciler.Child.removed("inventory_level", "inventory_item_id")), "inventory items", changes,
                Entity.Kind.INVENTORY_ITEM);
    }

    /** The page statements inside the caller's transaction (a bulk chunk). */
    int writeRows(Connection connection, long shopId, List<InventoryItemRow> rows) throws SQLException {
        return write(connection, shopId, rows);
    }

    /** Adds levels from bulk lines to items whose own line (written earlier, without them) replaced their set. */
    void addBulkLevels(Connection connection, long shopId, List<LevelRow> rows) throws SQLException {
        levels.add(connection, shopId, rows);
    }

    @Override
    protected int write(Connection connection, long shopId, List<InventoryItemRow> rows) throws SQLException {
        Set<Long> applied = items.execute(connection, shopId, rows);
        changed(shopId, applied);
        // an item written for the first time is not yet among the items its product's answer depends on
        changed(shopId, Entity.Kind.PRODUCT, related(connection,
                "SELECT DISTINCT product_id FROM product_variant WHERE shop_id = ? AND id = ANY(?)", shopId,
                rows.stream().filter(item -> applied.contains(item.id()) && item.variantId() != null)
                        .map(InventoryItemRow::variantId).toList()));
        List<LevelRow> children = new ArrayList<>();
        for (InventoryItemRow item : rows) {
            if (applied.contains(item.id())) {
                children.addAll(item.levels());
            }
        }
        levels.replace(connection, shopId, applied, children);
        return applied.size();
    }
}

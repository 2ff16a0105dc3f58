package dev.shopsync.sync.inventory;

import java.time.Instant;
import java.util.List;

import dev.shopsync.sync.SyncedRow;

/** An inventory item with ALL its levels, as stored in {@code inventory_item}. */
public record InventoryItemRow(long id, String gid, Long variantId, String sku, Boolean tracked, Instant createdAt,
        Instant updatedAt, String raw, List<LevelRow> levels) implements SyncedRow {

    /** Quantities of one item at one location, as stored in {@code inventory_level}. */
    public record LevelRow(long itemId, long locationId, String gid, Integer available, Integer onHand,
            Integer committed, Integer incoming, Instant updatedAt) {
    }
}

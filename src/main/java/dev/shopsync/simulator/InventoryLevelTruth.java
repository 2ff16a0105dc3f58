package dev.shopsync.simulator;

import java.time.Instant;

/**
 * An inventory item's quantities at one location; {@code onHand = available + committed} always holds.
 *
 * @param gid like Shopify's: {@code gid://shopify/InventoryLevel/<location id>?inventory_item_id=<item id>}
 */
public record InventoryLevelTruth(String gid, long locationId, int available, int onHand, int committed,
        int incoming, Instant updatedAt) {

    public InventoryLevelTruth {
        if (onHand != available + committed) {
            throw new IllegalArgumentException("onHand must be available + committed");
        }
    }

    public static String gidOf(long locationId, long itemId) {
        return "gid://shopify/InventoryLevel/" + locationId + "?inventory_item_id=" + itemId;
    }
}

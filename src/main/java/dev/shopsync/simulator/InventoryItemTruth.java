package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated shop really holds for one inventory item: one per variant while the shop has locations.
 *
 * @param sku    the variant's sku, nullable like it
 * @param levels one per live location, by location id
 */
public record InventoryItemTruth(long id, String gid, long variantId, String sku, boolean tracked, Instant createdAt,
        Instant updatedAt, List<InventoryLevelTruth> levels) {

    public InventoryItemTruth {
        levels = List.copyOf(levels);
    }

    public static String gidOf(long id) {
        return "gid://shopify/InventoryItem/" + id;
    }
}

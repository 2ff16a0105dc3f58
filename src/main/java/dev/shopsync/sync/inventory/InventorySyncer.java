package dev.shopsync.sync.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shopify.Gid;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.NestedList;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncToolkit;
import dev.shopsync.sync.inventory.InventoryItemRow.LevelRow;

/**
 * Inventory items with their levels at every location. Shopify lists inventory items in id order only, so a
 * window's pages are not in updated_at order and every row of the window is written.
 */
@Singleton
public class InventorySyncer extends GraphQlResourceSyncer<InventoryItemRow> {

    public static final String RESOURCE = "inventory";
    /** Most shops stock at a handful of locations. */
    private static final int LEVELS_INLINE = 10;
    private static final ResourceQueries QUERIES = new ResourceQueries("inventoryItems", "InventoryItem",
            "InventoryItemsPage", "InventoryItemIds", "InventoryItemsByIds", true, false, List.of(new NestedList(
                    "inventoryLevels", "levelsFirst", LEVELS_INLINE, "InventoryLevelsPage", "inventoryItem")));

    public InventorySyncer(InventoryPageWriter writer, SyncToolkit toolkit) {
        super(QUERIES, "inventory_item", writer, toolkit);
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected InventoryItemRow toRow(long id, JsonNode node) {
        JsonNode levelNodes = nodesOf(node, "inventoryLevels");
        ObjectNode raw = node.deepCopy();
        raw.remove("inventoryLevels");
        List<LevelRow> levels = new ArrayList<>(levelNodes.size());
        for (JsonNode level : levelNodes) {
            levels.add(level(id, level));
        }
        String variant = textOrNull(node.path("variant").path("id"));
        return new InventoryItemRow(id, node.path("id").asText(), variant == null ? null : Gid.numericId(variant),
                textOrNull(node.path("sku")), node.path("tracked").isBoolean() ? node.path("tracked").asBoolean() : null,
                instant(node.path("createdAt")), instant(node.path("updatedAt")), json(raw), levels);
    }

    /** One level node of item {@code itemId}. */
    LevelRow level(long itemId, JsonNode level) {
        Map<String, Integer> quantities = new HashMap<>();
        level.path("quantities").forEach(q -> quantities.put(q.path("name").asText(), q.path("quantity").asInt()));
        return new LevelRow(itemId, Gid.numericId(level.path("location").path("id").asText()),
                level.path("id").asText(), quantities.get("available"), quantities.get("on_hand"),
                quantities.get("committed"), quantities.get("incoming"), instant(level.path("updatedAt")));
    }
}

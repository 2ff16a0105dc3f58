package dev.shopsync.sync.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.bulk.BulkLine;
import dev.shopsync.bulk.BulkLineRoutes;
import dev.shopsync.bulk.BulkQueries;
import dev.shopsync.bulk.BulkResource;

/**
 * Inventory items from a bulk result: an item line is written like a page row without levels (which replaces its
 * levels), and the level lines that follow are added to it. Shopify cannot list items oldest first, so the
 * backfill starts at {@code shopsync.bulk.origin}.
 */
@ApplicationScoped
public class InventoryBulkLines implements BulkResource {

    private static final BulkQueries QUERIES = new BulkQueries(InventorySyncer.RESOURCE, "inventoryItems",
            "InventoryItemsBulk", Optional.empty());

    private final InventorySyncer syncer;
    private final InventoryPageWriter writer;

    public InventoryBulkLines(InventorySyncer syncer, InventoryPageWriter writer) {
        this.syncer = syncer;
        this.writer = writer;
    }

    @Override
    public BulkQueries queries() {
        return QUERIES;
    }

    @Override
    public List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine)
            throws SQLException {
        List<InventoryItemRow> items = new ArrayList<>();
        List<InventoryItemRow.LevelRow> levels = new ArrayList<>();
        BulkLineRoutes.of(InventorySyncer.RESOURCE)
                .root("InventoryItem", (line, n) -> items.add(syncer.rowOf(line.node())))
                .child("InventoryLevel", (line, n) -> levels.add(syncer.level(line.parentId(), line.node())))
                .route(lines, firstLine);
        writer.writeRows(connection, shopId, items);
        writer.addBulkLevels(connection, shopId, levels);
        return List.of();
    }
}

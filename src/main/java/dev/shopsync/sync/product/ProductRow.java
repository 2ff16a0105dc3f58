package dev.shopsync.sync.product;

import java.time.Instant;
import java.util.List;

import dev.shopsync.sync.SyncedRow;

/**
 * A product with ALL its variants, as stored in {@code product}; {@code raw} is the GraphQL node (without
 * the variants connection, which has its own table) as JSON text.
 */
public record ProductRow(long id, String gid, String title, String handle, String status, String vendor,
        String productType, List<String> tags, Instant createdAt, Instant updatedAt, Instant publishedAt, String raw,
        List<VariantRow> variants) implements SyncedRow {
}

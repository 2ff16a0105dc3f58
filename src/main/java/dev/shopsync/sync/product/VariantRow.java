package dev.shopsync.sync.product;

import java.time.Instant;

/** A product variant as stored in {@code product_variant}; {@code raw} is the GraphQL node as JSON text. */
public record VariantRow(long id, long productId, String gid, String title, String sku, String barcode, String price,
        String compareAtPrice, Integer inventoryQuantity, Integer position, Boolean taxable, Instant createdAt,
        Instant updatedAt, String raw) {
}

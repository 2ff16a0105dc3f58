package dev.shopsync.sync.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.shopify.RestPayloads;


/**
 * A {@code products/create|update} payload as the rows the GraphQL sync writes. Shopify may leave variants out
 * of large products' payloads ({@code variant_gids} still lists them all): such a payload is partial, and the
 * product is re-read from the API instead of storing an incomplete variant set.
 */
public final class ProductPayload {

    private ProductPayload() {
    }

    /** The row, or empty when the payload does not carry every variant. */
    public static Optional<ProductRow> row(JsonNode p, String raw) {
        JsonNode variants = p.path("variants");
        JsonNode allVariants = p.path("variant_gids");
        if (!variants.isArray() || (allVariants.isArray() && allVariants.size() > variants.size())) {
            return Optional.empty();
        }
        long id = RestPayloads.id(p);
        Instant updatedAt = RestPayloads.instant(p.path("updated_at"));
        if (updatedAt == null) {
            return Optional.empty();
        }
        List<VariantRow> rows = new ArrayList<>(variants.size());
        for (JsonNode v : variants) {
            rows.add(new VariantRow(RestPayloads.id(v), id, RestPayloads.gid(v, "ProductVariant"),
                    RestPayloads.text(v.path("title")), RestPayloads.text(v.path("sku")),
                    RestPayloads.text(v.path("barcode")), RestPayloads.text(v.path("price")),
                    RestPayloads.text(v.path("compare_at_price")), RestPayloads.integer(v.path("inventory_quantity")),
                    RestPayloads.integer(v.path("position")), RestPayloads.bool(v.path("taxable")),
                    RestPayloads.instant(v.path("created_at")), RestPayloads.instant(v.path("updated_at")),
                    v.toString()));
        }
        return Optional.of(new ProductRow(id, RestPayloads.gid(p, "Product"), RestPayloads.text(p.path("title")),
                RestPayloads.text(p.path("handle")), RestPayloads.upper(p.path("status")),
                RestPayloads.text(p.path("vendor")), RestPayloads.text(p.path("product_type")),
                RestPayloads.tags(p.path("tags")), RestPayloads.instant(p.path("created_at")), updatedAt,
                RestPayloads.instant(p.path("published_at")), raw, rows));
    }
}

package dev.shopsync.sync.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shopify.Gid;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.NestedList;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncConfig;
import dev.shopsync.sync.SyncToolkit;

/**
 * Products with all their variants. A persisted product always has its full variant set: variants beyond the
 * inline page are fetched before the page is handed over.
 */
@Singleton
public class ProductSyncer extends GraphQlResourceSyncer<ProductRow> {

    public static final String RESOURCE = "products";
    public ProductSyncer(ProductPageWriter writer, SyncToolkit toolkit) {
        super(queries(toolkit.config()), "product", writer, toolkit);
    }

    private static ResourceQueries queries(SyncConfig config) {
        return new ResourceQueries("products", "Product", "ProductsPage", "ProductIds", "ProductsByIds", true, true,
                List.of(new NestedList("variants", "variantsFirst", config.variantsPerProduct(),
                        "ProductVariantsPage", "product"),
                        new NestedList("media", null, 0, "ProductMediaPage", "product")));
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public Optional<String> destroyEventSubject() {
        return Optional.of("PRODUCT");
    }

    @Override
    protected ProductRow toRow(long id, JsonNode node) {
        JsonNode variantNodes = nodesOf(node, "variants");
        ObjectNode raw = node.deepCopy();
        raw.remove("variants");
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        List<VariantRow> variants = new ArrayList<>(variantNodes.size());
        for (JsonNode v : variantNodes) {
            variants.add(variant(id, v));
        }
        return new ProductRow(id, node.path("id").asText(), textOrNull(node.path("title")),
                textOrNull(node.path("handle")), textOrNull(node.path("status")), textOrNull(node.path("vendor")),
                textOrNull(node.path("productType")), tags, instant(node.path("createdAt")),
                instant(node.path("updatedAt")), instant(node.path("publishedAt")), json(raw), variants);
    }

    /** One media node of a product (a bulk line of its own), as JSON text for the product's {@code raw}. */
    ProductPageWriter.Medium medium(long productId, JsonNode node) {
        return new ProductPageWriter.Medium(productId, json(node));
    }

    /** One variant node of product {@code productId}. */
    VariantRow variant(long productId, JsonNode v) {
        return new VariantRow(Gid.numericId(v.path("id").asText()), productId, v.path("id").asText(),
                textOrNull(v.path("title")), textOrNull(v.path("sku")), textOrNull(v.path("barcode")),
                textOrNull(v.path("price")), textOrNull(v.path("compareAtPrice")),
                v.path("inventoryQuantity").isNumber() ? v.path("inventoryQuantity").asInt() : null,
                v.path("position").isNumber() ? v.path("position").asInt() : null,
                v.path("taxable").isBoolean() ? v.path("taxable").asBoolean() : null,
                instant(v.path("createdAt")), instant(v.path("updatedAt")), json(v));
    }
}

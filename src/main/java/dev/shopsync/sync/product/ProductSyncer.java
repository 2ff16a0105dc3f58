package dev.shopsync.sync.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.persistence.Watermarks;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.sync.AdaptivePageSize;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncConfig;

/**
 * Products with all their variants. A persisted product always has its full variant set: variants beyond the
 * inline page are fetched before the page is handed over.
 */
@Singleton
public class ProductSyncer extends GraphQlResourceSyncer<ProductRow> {

    public static final String RESOURCE = "products";
    private static final ResourceQueries QUERIES = new ResourceQueries("products", "Product", "ProductsPage",
            "ProductIds", "ProductsByIds", true, true, "variants", "variantsFirst", "ProductVariantsPage", "product");

    private final ProductPageWriter writer;
    private final Watermarks watermarks;
    private final SyncConfig config;
    private final ObjectMapper json;

    public ProductSyncer(GraphQlClient client, GraphQlDocuments documents, ProductPageWriter writer,
            Watermarks watermarks, SyncConfig config, ObjectMapper json, AdaptivePageSize pageSize, CostBudget budget) {
        super(QUERIES, client, documents, config, pageSize, budget);
        this.writer = writer;
        this.watermarks = watermarks;
        this.config = config;
        this.json = json;
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected int nestedFirstConfigured() {
        return config.variantsPerProduct();
    }

    @Override
    public int persist(long shopId, List<ProductRow> rows) {
        return writer.write(shopId, rows);
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        return writer.reconcile(shopId, afterId, upToId, shopifyIds);
    }

    @Override
    public Optional<Instant> maxUpdatedAt(long shopId) {
        return watermarks.maxUpdatedAt("product", shopId);
    }

    @Override
    protected ProductRow toRow(long id, JsonNode node, List<JsonNode> variantNodes) {
        ObjectNode raw = node.deepCopy();
        raw.remove("variants");
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        List<VariantRow> variants = new ArrayList<>(variantNodes.size());
        for (JsonNode v : variantNodes) {
            variants.add(new VariantRow(Gid.numericId(v.path("id").asText()), id, v.path("id").asText(),
                    textOrNull(v.path("title")), textOrNull(v.path("sku")), textOrNull(v.path("barcode")),
                    textOrNull(v.path("price")), textOrNull(v.path("compareAtPrice")),
                    v.path("inventoryQuantity").isNumber() ? v.path("inventoryQuantity").asInt() : null,
                    v.path("position").isNumber() ? v.path("position").asInt() : null,
                    v.path("taxable").isBoolean() ? v.path("taxable").asBoolean() : null,
                    instant(v.path("createdAt")), instant(v.path("updatedAt")), write(v)));
        }
        return new ProductRow(id, node.path("id").asText(), textOrNull(node.path("title")),
                textOrNull(node.path("handle")), textOrNull(node.path("status")), textOrNull(node.path("vendor")),
                textOrNull(node.path("productType")), tags, instant(node.path("createdAt")),
                instant(node.path("updatedAt")), instant(node.path("publishedAt")), write(raw), variants);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node not serialisable", e);
        }
    }
}

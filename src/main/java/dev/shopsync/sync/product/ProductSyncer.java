package dev.shopsync.sync.product;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.budget.Lane;
import dev.shopsync.persistence.ProductEntity;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.time.Deadline;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.GraphQlResponse;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.cost.RequestedCostEstimator;
import dev.shopsync.sync.AdaptivePageSize;
import dev.shopsync.sync.FetchedPage;
import dev.shopsync.sync.ResourceSyncer;
import dev.shopsync.sync.SearchFilter;
import dev.shopsync.sync.SyncConfig;

/**
 * Products with all their variants. A page of products carries each product's first variants; products with
 * more are completed with follow-up pages of that product's variants before the page is handed over, so a
 * persisted product always has its full variant set.
 */
@ApplicationScoped
public class ProductSyncer implements ResourceSyncer<ProductRow> {

    public static final String RESOURCE = "products";

    private final GraphQlClient client;
    private final GraphQlDocument productsPage;
    private final GraphQlDocument variantsPage;
    private final ProductPageWriter writer;
    private final SyncConfig config;
    private final ObjectMapper json;
    private final AdaptivePageSize pageSize;
    private final CostBudget budget;
    private final RequestedCostEstimator estimator = new RequestedCostEstimator();

    public ProductSyncer(GraphQlClient client, GraphQlDocuments documents, ProductPageWriter writer, SyncConfig config,
            ObjectMapper json, AdaptivePageSize pageSize, CostBudget budget) {
        this.client = client;
        this.pageSize = pageSize;
        this.budget = budget;
        this.productsPage = documents.get("ProductsPage");
        this.variantsPage = documents.get("ProductVariantsPage");
        this.writer = writer;
        this.config = config;
        this.json = json;
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public FetchedPage<ProductRow> fetch(ShopConnection shop, Window window, String pageCursor, Lane lane,
            Deadline deadline) {
        int variantsFirst = pageSize.nested(shop.domain(), config.variantsPerProduct());
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", pageCursor);
        variables.put("query", SearchFilter.updatedAtWithin(window.start(), window.end()));
        variables.put("variantsFirst", variantsFirst);
        CostBudget.BucketView bucket = budget.view(shop.domain());
        double cap = Math.min(AdaptivePageSize.MAX_QUERY_COST, bucket == null ? Double.MAX_VALUE : bucket.maximum());
        variables.put("first", pageSize.first(config.pageSize(), first -> {
            Map<String, Object> candidate = new HashMap<>(variables);
            candidate.put("first", first);
            return estimator.estimate(productsPage.text(), candidate, productsPage.name());
        }, cap));
        GraphQlResponse response = client.execute(shop, productsPage, variables, lane, deadline);
        int cost = response.cost() == null ? 0 : response.cost().charged();
        long throttled = response.throttledMillis();
        int requests = response.attempts();
        long requestMs = response.requestMillis();
        int longestInline = 0;
        boolean overflowed = false;

        JsonNode connection = response.data().path("products");
        List<ProductRow> rows = new ArrayList<>();
        for (JsonNode node : connection.path("nodes")) {
            long productId = Gid.numericId(node.path("id").asText());
            List<VariantRow> variants = new ArrayList<>();
            JsonNode variantConnection = node.path("variants");
            addVariants(productId, variantConnection.path("nodes"), variants);
            longestInline = Math.max(longestInline, variantConnection.path("nodes").size());
            JsonNode pageInfo = variantConnection.path("pageInfo");
            overflowed |= pageInfo.path("hasNextPage").asBoolean(false);
            boolean vanished = false;
            while (pageInfo.path("hasNextPage").asBoolean(false)) {
                Map<String, Object> more = new HashMap<>();
                more.put("id", node.path("id").asText());
                more.put("first", config.variantsPageSize());
                more.put("after", pageInfo.path("endCursor").asText());
                GraphQlResponse next = client.execute(shop, variantsPage, more, lane, deadline);
                cost += next.cost() == null ? 0 : next.cost().charged();
                throttled += next.throttledMillis();
                requests += next.attempts();
                requestMs += next.requestMillis();
                JsonNode product = next.data().path("product");
                if (product.isNull() || product.isMissingNode()) {
                    // Deleted while we paged it: never store it with a partial variant set; reconcile handles it.
                    vanished = true;
                    break;
                }
                addVariants(productId, product.path("variants").path("nodes"), variants);
                pageInfo = product.path("variants").path("pageInfo");
            }
            if (!vanished) {
                rows.add(toProduct(productId, node, variants));
            }
        }
        pageSize.observe(shop.domain(), config.variantsPerProduct(), longestInline, overflowed);
        JsonNode pageInfo = connection.path("pageInfo");
        return new FetchedPage<>(rows, textOrNull(pageInfo.path("endCursor")),
                pageInfo.path("hasNextPage").asBoolean(false), cost, throttled, requests, requestMs);
    }

    @Override
    public int persist(long shopId, List<ProductRow> rows) {
        return writer.write(shopId, rows);
    }

    @Override
    @Transactional
    public Optional<Instant> maxUpdatedAt(long shopId) {
        OffsetDateTime max = ProductEntity.getEntityManager()
                .createQuery("select max(p.updatedAt) from ProductEntity p where p.shopId = ?1", OffsetDateTime.class)
                .setParameter(1, shopId)
                .getSingleResult();
        return Optional.ofNullable(max).map(OffsetDateTime::toInstant);
    }

    private ProductRow toProduct(long id, JsonNode node, List<VariantRow> variants) {
        ObjectNode raw = node.deepCopy();
        raw.remove("variants");
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new ProductRow(id, node.path("id").asText(), textOrNull(node.path("title")),
                textOrNull(node.path("handle")), textOrNull(node.path("status")), textOrNull(node.path("vendor")),
                textOrNull(node.path("productType")), tags, instant(node.path("createdAt")),
                instant(node.path("updatedAt")), instant(node.path("publishedAt")), write(raw), variants);
    }

    private void addVariants(long productId, JsonNode nodes, List<VariantRow> into) {
        for (JsonNode v : nodes) {
            into.add(new VariantRow(Gid.numericId(v.path("id").asText()), productId, v.path("id").asText(),
                    textOrNull(v.path("title")), textOrNull(v.path("sku")), textOrNull(v.path("barcode")),
                    textOrNull(v.path("price")), textOrNull(v.path("compareAtPrice")),
                    v.path("inventoryQuantity").isNumber() ? v.path("inventoryQuantity").asInt() : null,
                    v.path("position").isNumber() ? v.path("position").asInt() : null,
                    v.path("taxable").isBoolean() ? v.path("taxable").asBoolean() : null,
                    instant(v.path("createdAt")), instant(v.path("updatedAt")), write(v)));
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("node not serialisable", e);
        }
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static String textOrNull(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}

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
    /** Ids per reconciliation page: ids only, so the largest page is also the cheapest per id. */
    private static final int ID_PAGE_SIZE = 250;

    private final GraphQlClient client;
    private final GraphQlDocument productsPage;
    private final GraphQlDocument variantsPage;
    private final GraphQlDocument productIds;
    private final GraphQlDocument productsByIds;
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
        this.productIds = documents.get("ProductIds");
        this.productsByIds = documents.get("ProductsByIds");
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
        Accumulator page = new Accumulator(response);
        JsonNode connection = response.data().path("products");
        for (JsonNode node : connection.path("nodes")) {
            complete(shop, node, lane, deadline, page);
        }
        pageSize.observe(shop.domain(), config.variantsPerProduct(), page.longestInline, page.overflowed);
        JsonNode pageInfo = connection.path("pageInfo");
        return new FetchedPage<>(page.rows, textOrNull(pageInfo.path("endCursor")),
                pageInfo.path("hasNextPage").asBoolean(false), page.cost, page.throttled, page.requests,
                page.requestMs);
    }

    /**
     * Adds one product node to the page with its whole variant set, paging the variants that did not fit
     * inline. A product deleted while its variants were paged is left out rather than stored incomplete.
     */
    private void complete(ShopConnection shop, JsonNode node, Lane lane, Deadline deadline, Accumulator page) {
        long productId = Gid.numericId(node.path("id").asText());
        List<VariantRow> variants = new ArrayList<>();
        JsonNode variantConnection = node.path("variants");
        addVariants(productId, variantConnection.path("nodes"), variants);
        page.longestInline = Math.max(page.longestInline, variantConnection.path("nodes").size());
        JsonNode pageInfo = variantConnection.path("pageInfo");
        page.overflowed |= pageInfo.path("hasNextPage").asBoolean(false);
        while (pageInfo.path("hasNextPage").asBoolean(false)) {
            Map<String, Object> more = new HashMap<>();
            more.put("id", node.path("id").asText());
            more.put("first", config.variantsPageSize());
            more.put("after", pageInfo.path("endCursor").asText());
            GraphQlResponse next = client.execute(shop, variantsPage, more, lane, deadline);
            page.add(next);
            JsonNode product = next.data().path("product");
            if (product.isNull() || product.isMissingNode()) {
                return; // deleted meanwhile: reconciliation takes care of it
            }
            addVariants(productId, product.path("variants").path("nodes"), variants);
            pageInfo = product.path("variants").path("pageInfo");
        }
        page.rows.add(toProduct(productId, node, variants));
    }

    /** Rows and request totals of one page being assembled. */
    private static final class Accumulator {
        final List<ProductRow> rows = new ArrayList<>();
        int cost;
        long throttled;
        int requests;
        long requestMs;
        int longestInline;
        boolean overflowed;

        Accumulator(GraphQlResponse first) {
            add(first);
        }

        void add(GraphQlResponse response) {
            cost += response.cost() == null ? 0 : response.cost().charged();
            throttled += response.throttledMillis();
            requests += response.attempts();
            requestMs += response.requestMillis();
        }
    }

    @Override
    public IdPage fetchIds(ShopConnection shop, String pageCursor, Lane lane, Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", ID_PAGE_SIZE);
        variables.put("after", pageCursor);
        GraphQlResponse response = client.execute(shop, productIds, variables, lane, deadline);
        JsonNode connection = response.data().path("products");
        List<Long> ids = new ArrayList<>();
        connection.path("nodes").forEach(node -> ids.add(Gid.numericId(node.path("id").asText())));
        JsonNode pageInfo = connection.path("pageInfo");
        return new IdPage(ids, textOrNull(pageInfo.path("endCursor")), pageInfo.path("hasNextPage").asBoolean(false),
                response.cost() == null ? 0 : response.cost().charged(), response.throttledMillis(),
                response.requestMillis());
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        return writer.reconcile(shopId, afterId, upToId, shopifyIds);
    }

    @Override
    public FetchedPage<ProductRow> fetchByIds(ShopConnection shop, List<Long> ids, Lane lane, Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("ids", ids.stream().map(id -> Gid.of("Product", id)).toList());
        variables.put("variantsFirst", pageSize.nested(shop.domain(), config.variantsPerProduct()));
        GraphQlResponse response = client.execute(shop, productsByIds, variables, lane, deadline);
        Accumulator page = new Accumulator(response);
        for (JsonNode node : response.data().path("nodes")) {
            if (node.isObject() && node.has("id")) {
                complete(shop, node, lane, deadline, page);
            }
        }
        return new FetchedPage<>(page.rows, null, false, page.cost, page.throttled, page.requests, page.requestMs);
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

package dev.shopsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.budget.Lane;
import dev.shopsync.persistence.Watermarks;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlResponse;
import dev.shopsync.shopify.cost.RequestedCostEstimator;
import dev.shopsync.time.Deadline;

/**
 * A resource read through a Shopify connection: pages of an {@code updated_at} window (or the whole list
 * for small resources), each node completed with its whole nested list before the page is handed over, the id
 * set for reconciliation, and whole nodes by id. Subclasses say how a node becomes a row and how rows are
 * written.
 */
public abstract class GraphQlResourceSyncer<R extends SyncedRow> implements ResourceSyncer<R> {

    /** Ids per reconciliation page: ids only, so the largest page is also the cheapest per id. */
    private static final int ID_PAGE_SIZE = 250;

    private final GraphQlClient client;
    private final ResourceQueries queries;
    private final String table;
    private final PageWriter<R> writer;
    private final Watermarks watermarks;
    private final ObjectMapper json;
    private final GraphQlDocument page;
    private final GraphQlDocument ids;
    private final GraphQlDocument byIds;
    private final GraphQlDocument nestedPage;
    private final SyncConfig config;
    private final AdaptivePageSize pageSize;
    private final CostBudget budget;
    private final RequestedCostEstimator estimator = new RequestedCostEstimator();

    /**
     * @param table  the resource's main table (for the watermark rebuild)
     * @param writer its page writer
     */
    protected GraphQlResourceSyncer(ResourceQueries queries, String table, PageWriter<R> writer, SyncToolkit toolkit) {
        this.queries = queries;
        this.table = table;
        this.writer = writer;
        this.client = toolkit.client;
        this.page = toolkit.documents.get(queries.page());
        this.ids = toolkit.documents.get(queries.ids());
        this.byIds = toolkit.documents.get(queries.byIds());
        this.nestedPage = queries.nestedPage() == null ? null : toolkit.documents.get(queries.nestedPage());
        this.config = toolkit.config;
        this.pageSize = toolkit.pageSize;
        this.budget = toolkit.budget;
        this.watermarks = toolkit.watermarks;
        this.json = toolkit.json;
    }

    @Override
    public int persist(long shopId, List<R> rows) {
        return writer.write(shopId, rows);
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        return writer.reconcile(shopId, afterId, upToId, shopifyIds);
    }

    @Override
    public Optional<Instant> maxUpdatedAt(long shopId) {
        return watermarks.maxUpdatedAt(table, shopId);
    }

    /** A node and its complete nested list (empty when the resource has none) as a row. */
    protected abstract R toRow(long id, JsonNode node, List<JsonNode> nested);

    /** The configured inline size of the nested list. */
    protected abstract int nestedFirstConfigured();

    @Override
    public boolean sortedByUpdatedAt() {
        return queries.sorted();
    }

    @Override
    public FetchedPage<R> fetch(ShopConnection shop, Window window, String pageCursor, Lane lane,
            Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", pageCursor);
        if (queries.filtered()) {
            variables.put("query", SearchFilter.updatedAtWithin(window.start(), window.end()));
        }
        if (queries.nested() != null) {
            variables.put(queries.nestedFirst(), pageSize.nested(streamKey(shop), nestedFirstConfigured()));
        }
        CostBudget.BucketView bucket = budget.view(shop.domain());
        double cap = Math.min(AdaptivePageSize.MAX_QUERY_COST, bucket == null ? Double.MAX_VALUE : bucket.maximum());
        variables.put("first", pageSize.first(config.pageSize(), first -> {
            Map<String, Object> candidate = new HashMap<>(variables);
            candidate.put("first", first);
            return estimator.estimate(page.text(), candidate, page.name());
        }, cap));
        GraphQlResponse response = client.execute(shop, page, variables, lane, deadline);
        Accumulator<R> rows = new Accumulator<>(response);
        JsonNode connection = response.data().path(queries.connection());
        for (JsonNode node : connection.path("nodes")) {
            complete(shop, node, lane, deadline, rows);
        }
        if (queries.nested() != null) {
            pageSize.observe(streamKey(shop), nestedFirstConfigured(), rows.longestInline, rows.overflowed);
        }
        JsonNode pageInfo = connection.path("pageInfo");
        return new FetchedPage<>(rows.rows, textOrNull(pageInfo.path("endCursor")),
                pageInfo.path("hasNextPage").asBoolean(false), rows.cost, rows.throttled, rows.requests,
                rows.requestMs);
    }

    @Override
    public IdPage fetchIds(ShopConnection shop, String pageCursor, Lane lane, Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", ID_PAGE_SIZE);
        variables.put("after", pageCursor);
        GraphQlResponse response = client.execute(shop, ids, variables, lane, deadline);
        JsonNode connection = response.data().path(queries.connection());
        List<Long> found = new ArrayList<>();
        connection.path("nodes").forEach(node -> found.add(Gid.numericId(node.path("id").asText())));
        JsonNode pageInfo = connection.path("pageInfo");
        return new IdPage(found, textOrNull(pageInfo.path("endCursor")),
                pageInfo.path("hasNextPage").asBoolean(false),
                response.cost() == null ? 0 : response.cost().charged(), response.throttledMillis(),
                response.requestMillis());
    }

    @Override
    public FetchedPage<R> fetchByIds(ShopConnection shop, List<Long> idList, Lane lane, Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("ids", idList.stream().map(id -> Gid.of(queries.entity(), id)).toList());
        if (queries.nested() != null) {
            variables.put(queries.nestedFirst(), pageSize.nested(streamKey(shop), nestedFirstConfigured()));
        }
        GraphQlResponse response = client.execute(shop, byIds, variables, lane, deadline);
        Accumulator<R> rows = new Accumulator<>(response);
        for (JsonNode node : response.data().path("nodes")) {
            if (node.isObject() && node.has("id")) {
                complete(shop, node, lane, deadline, rows);
            }
        }
        return new FetchedPage<>(rows.rows, null, false, rows.cost, rows.throttled, rows.requests, rows.requestMs);
    }

    /**
     * Adds one node with its whole nested list, paging what did not fit inline. A node deleted while its list
     * was paged is left out rather than stored incomplete; reconciliation takes care of it.
     */
    private void complete(ShopConnection shop, JsonNode node, Lane lane, Deadline deadline, Accumulator<R> rows) {
        long id = Gid.numericId(node.path("id").asText());
        List<JsonNode> nested = new ArrayList<>();
        if (queries.nested() != null) {
            JsonNode connection = node.path(queries.nested());
            connection.path("nodes").forEach(nested::add);
            rows.longestInline = Math.max(rows.longestInline, connection.path("nodes").size());
            JsonNode pageInfo = connection.path("pageInfo");
            rows.overflowed |= pageInfo.path("hasNextPage").asBoolean(false);
            while (pageInfo.path("hasNextPage").asBoolean(false)) {
                Map<String, Object> more = new HashMap<>();
                more.put("id", node.path("id").asText());
                more.put("first", config.nestedPageSize());
                more.put("after", pageInfo.path("endCursor").asText());
                GraphQlResponse next = client.execute(shop, nestedPage, more, lane, deadline);
                rows.add(next);
                JsonNode parent = next.data().path(queries.nestedParent());
                if (parent.isNull() || parent.isMissingNode()) {
                    return;
                }
                parent.path(queries.nested()).path("nodes").forEach(nested::add);
                pageInfo = parent.path(queries.nested()).path("pageInfo");
            }
        }
        rows.rows.add(toRow(id, node, nested));
    }

    private String streamKey(ShopConnection shop) {
        return shop.domain() + "/" + resource();
    }

    protected static String textOrNull(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    protected static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    protected static Boolean bool(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : null;
    }

    /** A node as JSON text for the {@code raw jsonb} column. */
    protected String json(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node not serialisable", e);
        }
    }

    /** Rows and request totals of one page being assembled. */
    private static final class Accumulator<R> {
        final List<R> rows = new ArrayList<>();
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
}

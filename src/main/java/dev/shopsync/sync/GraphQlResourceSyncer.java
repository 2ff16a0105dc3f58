package dev.shopsync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlResponse;
import dev.shopsync.shopify.SearchFilter;
import dev.shopsync.shopify.cost.RequestedCostEstimator;
import dev.shopsync.time.Deadline;

/**
 * A resource read through a Shopify connection: pages of an {@code updated_at} window (or the whole list
 * for small resources), each node completed with its whole nested lists before the page is handed over, the id
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
    private final ObjectMapper json;
    private final GraphQlDocument page;
    private final GraphQlDocument ids;
    private final GraphQlDocument byIds;
    private final Map<NestedList, GraphQlDocument> nestedPages = new HashMap<>();
    private final SyncConfig config;
    private final AdaptivePageSize pageSize;
    private final CostBudget budget;
    private final RequestedCostEstimator estimator = new RequestedCostEstimator();

    /**
     * @param table  the resource's main table
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
        for (NestedList list : queries.nested()) {
            nestedPages.put(list, toolkit.documents.get(list.pageOperation()));
        }
        this.config = toolkit.config;
        this.pageSize = toolkit.pageSize;
        this.budget = toolkit.budget;
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
    public int softDeleteDestroyed(long shopId, Map<Long, Instant> destroyed) {
        return writer.softDeleteDestroyed(shopId, destroyed);
    }

    /** A node, its nested lists complete (every page appended to the connection's {@code nodes}), as a row. */
    protected abstract R toRow(long id, JsonNode node);

    @Override
    public String table() {
        return table;
    }

    /** The row of one node as Shopify sends it (a page node, a {@code nodes(ids:)} node, a bulk result line). */
    public R rowOf(JsonNode node) {
        return toRow(Gid.numericId(node.path("id").asText()), node);
    }

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
        putNestedFirsts(shop, variables);
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
        for (NestedList list : queries.nested()) {
            if (list.firstVariable() != null) {
                pageSize.observe(streamKey(shop, list), list.inline(), rows.longestInline(list),
                        rows.overflowed.contains(list));
            }
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
        putNestedFirsts(shop, variables);
        GraphQlResponse response = client.execute(shop, byIds, variables, lane, deadline);
        Accumulator<R> rows = new Accumulator<>(response);
        List<Long> absent = new ArrayList<>();
        JsonNode nodes = response.data().path("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            if (node.isObject() && node.has("id")) {
                complete(shop, node, lane, deadline, rows);
            } else if (node.isNull() && i < idList.size()) {
                // nodes(ids:) answers in the order asked, null for an id Shopify does not have (any more)
                absent.add(idList.get(i));
            }
        }
        return new FetchedPage<>(rows.rows, null, false, rows.cost, rows.throttled, rows.requests, rows.requestMs,
                absent);
    }

    /**
     * Adds one node with its whole nested lists, paging what did not fit inline and appending it to the
     * connection in the node. A node whose nested owner was deleted while its list was paged is left out rather
     * than stored incomplete; reconciliation takes care of it.
     */
    private void complete(ShopConnection shop, JsonNode node, Lane lane, Deadline deadline, Accumulator<R> rows) {
        for (NestedList list : queries.nested()) {
            for (JsonNode owner : owners(node, list)) {
                if (!(owner.get(list.field()) instanceof ObjectNode connection)) {
                    continue;
                }
                ArrayNode nodes = connection.withArray("nodes");
                JsonNode pageInfo = connection.path("pageInfo");
                rows.observe(list, nodes.size(), pageInfo.path("hasNextPage").asBoolean(false));
                while (pageInfo.path("hasNextPage").asBoolean(false)) {
                    Map<String, Object> more = new HashMap<>();
                    more.put("id", owner.path("id").asText());
                    more.put("first", config.nestedPageSize());
                    more.put("after", pageInfo.path("endCursor").asText());
                    GraphQlResponse next = client.execute(shop, nestedPages.get(list), more, lane, deadline);
                    rows.add(next);
                    JsonNode parent = next.data().path(list.owner());
                    if (parent.isNull() || parent.isMissingNode()) {
                        return;
                    }
                    JsonNode page = parent.path(list.field());
                    page.path("nodes").forEach(nodes::add);
                    pageInfo = page.path("pageInfo");
                }
                connection.set("pageInfo", pageInfo);
            }
        }
        rows.rows.add(toRow(Gid.numericId(node.path("id").asText()), node));
    }

    /** The objects holding the list's connection: the node itself, or the elements its path leads through. */
    private static List<JsonNode> owners(JsonNode node, NestedList list) {
        List<JsonNode> owners = List.of(node);
        for (String field : list.ownerPath()) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode owner : owners) {
                JsonNode value = owner.path(field);
                if (value.isArray()) {
                    value.forEach(element -> {
                        if (element.isObject()) {
                            next.add(element);
                        }
                    });
                } else if (value.isObject()) {
                    next.add(value);
                }
            }
            owners = next;
        }
        return owners;
    }

    /** The inline size of every variable-sized nested list, as adapted for this shop. */
    private void putNestedFirsts(ShopConnection shop, Map<String, Object> variables) {
        for (NestedList list : queries.nested()) {
            if (list.firstVariable() != null) {
                variables.put(list.firstVariable(), pageSize.nested(streamKey(shop, list), list.inline()));
            }
        }
    }

    private String streamKey(ShopConnection shop, NestedList list) {
        return shop.domain() + "/" + resource() + "/" + list.path();
    }

    /** The complete nodes of a connection field of a completed node. */
    protected static JsonNode nodesOf(JsonNode node, String connection) {
        return node.path(connection).path("nodes");
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
        final Map<NestedList, Integer> longestInline = new HashMap<>();
        final Set<NestedList> overflowed = new HashSet<>();

        Accumulator(GraphQlResponse first) {
            add(first);
        }

        void add(GraphQlResponse response) {
            cost += response.cost() == null ? 0 : response.cost().charged();
            throttled += response.throttledMillis();
            requests += response.attempts();
            requestMs += response.requestMillis();
        }

        void observe(NestedList list, int inline, boolean overflow) {
            longestInline.merge(list, inline, Math::max);
            if (overflow) {
                overflowed.add(list);
            }
        }

        int longestInline(NestedList list) {
            return longestInline.getOrDefault(list, 0);
        }
    }
}
